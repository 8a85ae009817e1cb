using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>GlobalAveragePool: dx = dy / (number of spatial positions), broadcast over them.</summary>
internal sealed class GlobalAveragePoolGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["GlobalAveragePool"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var x = c.Input(0);
        long positions = c.StaticShape(x, fromAxis: 2).Aggregate(1L, (a, b) => a * b);
        var e = c.Emit;
        return [e.Op("Expand", e.Scale(c.RequiredOutputGradient(), 1f / positions), e.Shape(x))];
    }
}
