using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Exporter.Lowering;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>Returns x unchanged, as its own node (for outputs that must be distinct values).</summary>
    public Value Identity(Value x) => Op("Identity", [x]);

    /// <summary>Reshapes to <paramref name="shape"/> (0 copies the input's dimension, −1 is inferred).</summary>
    public Value Reshape(Value x, params long[] shape) => Op("Reshape", [x, Int64s(shape)]);

    /// <summary>Flattens to 2-D: dimensions before <paramref name="axis"/> and from it on.</summary>
    public Value Flatten(Value x, int axis = 1) => Op("Flatten", [x], Attribute.Int("axis", axis));

    /// <summary>Permutes axes: output axis i is input axis perm[i].</summary>
    public Value Transpose(Value x, params long[] perm) => Op("Transpose", [x], Ints("perm", perm));

    /// <summary>Concatenates along a non-negative axis.</summary>
    public Value Concat(IReadOnlyList<Value> values, int axis) => Op("Concat", values.ToArray(), Attribute.Int("axis", axis));

    /// <summary>Removes size-1 axes. Axes are an attribute before opset 13 and an input from 13.</summary>
    public Value Squeeze(Value x, params long[] axes) =>
        Opset < 13 ? Op("Squeeze", [x], Ints("axes", axes)) : Op("Squeeze", [x, Int64s(axes)]);

    /// <summary>Inserts size-1 axes. Axes are an attribute before opset 13 and an input from 13.</summary>
    public Value Unsqueeze(Value x, params long[] axes) =>
        Opset < 13 ? Op("Unsqueeze", [x], Ints("axes", axes)) : Op("Unsqueeze", [x, Int64s(axes)]);

    /// <summary>
    /// Splits along <paramref name="axis"/> into pieces of the given sizes. Sizes are an
    /// attribute before opset 13 and an input from 13.
    /// </summary>
    public IReadOnlyList<Value> Split(Value x, int axis, params long[] sizes) =>
        Opset < 13
            ? Op("Split", [x], sizes.Length, Attribute.Int("axis", axis), Ints("split", sizes))
            : Op("Split", [x, Int64s(sizes)], sizes.Length, Attribute.Int("axis", axis));

    /// <summary>
    /// Pads with a constant. <paramref name="pads"/> lists all begins then all ends, one per
    /// axis (batch included). Pads and value are attributes before opset 11 and inputs from 11.
    /// </summary>
    public Value Pad(Value x, long[] pads, float value = 0f)
    {
        if (Opset < 11)
            return Op("Pad", [x], Attribute.String("mode", "constant"), Ints("pads", pads), Attribute.Float("value", value));
        return Op("Pad", [x, Int64s(pads), value == 0f ? null : Scalar(value)]);
    }

    /// <summary>Mean over <paramref name="axes"/>. Axes are an attribute before opset 18 and an input from 18.</summary>
    public Value ReduceMean(Value x, long[] axes, bool keepDims)
    {
        var keep = Attribute.Int("keepdims", keepDims ? 1 : 0);
        return Opset < 18 ? Op("ReduceMean", [x], Ints("axes", axes), keep) : Op("ReduceMean", [x, Int64s(axes)], keep);
    }
}
