namespace OnnxKit.Ir;

/// <summary>A map from <see cref="KeyType"/> (an integer or string element type) to <see cref="ValueType"/>.</summary>
public sealed record MapType(DataType KeyType, OnnxType? ValueType) : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => $"map({KeyType.OnnxName()},{ValueType})";
}
