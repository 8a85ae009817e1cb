namespace OnnxKit.Ir;

/// <summary>A dense tensor type; <see cref="Shape"/> is null when even the rank is unknown.</summary>
public sealed record TensorType(DataType ElementType, Shape? Shape = null) : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => $"tensor({ElementType.OnnxName()}){Shape}";
}
