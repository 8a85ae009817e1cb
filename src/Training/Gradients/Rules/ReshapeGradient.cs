using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Operators that only change the shape, not the order of elements (Reshape, Flatten, Squeeze,
/// Unsqueeze): dx = dy reshaped to x's shape. Their shape or axes inputs get no gradient.
/// </summary>
internal sealed class ReshapeGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Reshape", "Flatten", "Squeeze", "Unsqueeze"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var x = c.Input(0);
        var shape = c.ShapeOf(x);
        var e = c.Emit;
        return [e.Reshape(c.RequiredOutputGradient(), shape.IsStatic ? e.Int64s(shape.ToSizes()) : e.Shape(x))];
    }
}
