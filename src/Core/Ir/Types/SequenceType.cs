namespace OnnxKit.Ir;

/// <summary>A sequence whose elements all have <see cref="ElementType"/> (null when unspecified).</summary>
public sealed record SequenceType(OnnxType? ElementType) : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => $"seq({ElementType})";
}
