using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>What is known statically about a value's shape and element type (from declared or inferred types, or constant data).</summary>
public static class ShapeFacts
{
    /// <summary>The shape when at least the rank is known.</summary>
    public static Shape? ShapeOf(Value? value) => value switch
    {
        null => null,
        { ConstValue: { } t } => Shape.Of(t.Dims.ToArray()),
        _ => value.TensorType?.Shape,
    };

    /// <summary>The rank when known.</summary>
    public static int? RankOf(Value? value) => ShapeOf(value)?.Rank;

    /// <summary>The sizes when every dimension is known.</summary>
    public static long[]? StaticSizes(Value? value) => ShapeOf(value) is { IsStatic: true } shape ? shape.ToSizes() : null;

    /// <summary>The element type when known.</summary>
    public static DataType? ElementTypeOf(Value? value) => value switch
    {
        null => null,
        { ConstValue: { } t } => t.DataType,
        _ => value.TensorType?.ElementType,
    };

    /// <summary>
    /// True when broadcasting a tensor of <paramref name="other"/>'s shape against one of <paramref name="shape"/>
    /// leaves <paramref name="shape"/> unchanged (other has no more dims and each is 1 or equal).
    /// </summary>
    public static bool BroadcastsInto(IReadOnlyList<long> other, Shape shape)
    {
        if (other.Count > shape.Rank) return false;
        for (int i = 1; i <= other.Count; i++)
        {
            long size = other[^i];
            if (size != 1 && shape[^i].Value != size) return false;
        }
        return true;
    }
}
