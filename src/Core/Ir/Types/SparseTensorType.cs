namespace OnnxKit.Ir;

/// <summary>A sparse tensor type; <see cref="Shape"/> is null when the rank is unknown.</summary>
public sealed record SparseTensorType(DataType ElementType, Shape? Shape = null) : OnnxType
{
    /// <inheritdoc/>
    public override string ToString() => $"sparse_tensor({ElementType.OnnxName()}){Shape}";
}
