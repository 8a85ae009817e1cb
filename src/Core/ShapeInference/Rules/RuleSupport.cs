using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Small pieces several rule families share.</summary>
internal static class RuleSupport
{
    /// <summary>
    /// An element-type attribute (<c>to</c>, <c>dtype</c>, ...): an integer enum value, or in Cast-1 a
    /// name such as <c>FLOAT</c>. Null when absent or zero (meaning "not given").
    /// </summary>
    public static DataType? ElementTypeAttribute(NodeContext context, string name)
    {
        var attribute = context.Attr(name);
        if (attribute is null) return null;
        if (attribute.Type == AttributeType.String)
        {
            return DataTypeInfo.TryParse(attribute.AsString().ToLowerInvariant(), out var named)
                ? named
                : throw context.Fail($"attribute '{name}' names no element type: '{attribute.AsString()}'");
        }
        long value = attribute.AsInt();
        if (value == 0) return null;
        return DataTypeInfo.IsDefined((int)Math.Clamp(value, int.MinValue, int.MaxValue))
            ? (DataType)value
            : throw context.Fail($"attribute '{name}' is {value}, which is no element type");
    }

    /// <summary>The shape with the given dims replaced.</summary>
    public static Shape With(this Shape shape, int index, Dim dim)
    {
        var dims = shape.ToArray();
        dims[index] = dim;
        return new Shape(dims);
    }

    /// <summary>A shape of <paramref name="rank"/> unknown dims.</summary>
    public static Shape UnknownOfRank(int rank) => new(Enumerable.Repeat(Dim.Unknown(), rank));

    /// <summary>The number of elements of a tensor whose shape is known, as a dim.</summary>
    public static Dim ElementCount(Shape shape) => DimMath.Product(shape);

    /// <summary>
    /// The shape described by a 1-D shape input (ConstantOfShape, Expand, ...): its contents when
    /// partly known, otherwise unknown dims when its length is known; null when neither is.
    /// </summary>
    public static Shape? ShapeFromInput(NodeContext context, int index)
    {
        if (context.InputData(index) is { IsScalar: false } data)
        {
            if (data.Elements.Any(d => d.Value < 0)) throw context.Fail($"shape input has a negative size: [{string.Join(",", data.Elements)}]");
            return new Shape(data.Elements);
        }
        return context.InputShape(index) is { Rank: 1 } shape && shape[0].Value is long length && length <= ShapeData.MaxElements
            ? UnknownOfRank((int)length)
            : null;
    }
}
