namespace OnnxKit.Ir;

/// <summary>A value that may be absent; when present it has <see cref="ElementType"/>.</summary>
public sealed record OptionalType(OnnxType? ElementType) : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => $"optional({ElementType})";
}
