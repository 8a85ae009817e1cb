namespace OnnxKit.Ir;

/// <summary>A type defined outside ONNX, named by domain and name.</summary>
public sealed record OpaqueType(string? Domain, string? Name) : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => $"opaque({Domain}.{Name})";
}
