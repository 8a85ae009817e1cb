using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// ReduceSum and ReduceMean: dy is given back its reduced axes (when keepdims is 0) and
/// broadcast over them; for the mean it is scaled by (output size / input size). Axes come
/// from the attribute (ReduceMean up to opset 17) or the constant second input.
/// </summary>
internal sealed class ReduceGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["ReduceSum", "ReduceMean"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var e = c.Emit;
        var x = c.Input(0);
        var dy = c.RequiredOutputGradient();
        long[]? axes = c.Ints("axes") ?? (c.HasInput(1) ? c.ConstantInput(1).ToInt64Array() : null);
        if (axes is { Length: 0 } && c.Int("noop_with_empty_axes", 0) != 0) return [dy];
        if (c.Int("keepdims", 1) == 0 && axes is { Length: > 0 })
            dy = e.Op("Unsqueeze", dy, e.Int64s(axes));
        var dx = e.Op("Expand", dy, e.Shape(x));
        if (c.Node.OpType == "ReduceMean")
        {
            var ratio = e.Div(e.Cast(e.Op("Size", c.Output()), DataType.Float), e.Cast(e.Op("Size", x), DataType.Float));
            dx = e.Mul(dx, ratio);
        }
        return [dx];
    }
}
