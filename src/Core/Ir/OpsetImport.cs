namespace OnnxKit.Ir;

/// <summary>An operator set a model or function uses: a domain ("" for ai.onnx) and its version.</summary>
public sealed record OpsetImport(string Domain, long Version)
{
    /// <summary>True for the default ai.onnx domain.</summary>
    public bool IsDefaultDomain => DomainNames.IsDefault(Domain);

    /// <inheritdoc/>
    public override string ToString() => $"{DomainNames.Display(Domain)}:{Version}";
}
