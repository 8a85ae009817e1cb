namespace OnnxKit.Ir;

/// <summary>An operator set a model or function uses: a domain ("" for ai.onnx) and its version.</summary>
public sealed record OpsetImport(string Domain, long Version)
{
    /// <summary>True for the default ai.onnx domain.</summary>
    public bool IsDefaultDomain => Domain is "" or "ai.onnx";

    /// <inheritdoc/>
    public override string ToString() => $"{(IsDefaultDomain ? "ai.onnx" : Domain)}:{Version}";
}
