using OnnxKit.Ir;
using OnnxKit.Training.TrainingForms;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// BatchNormalization with batch statistics (<see cref="TrainingOps.BatchNormalization"/>), in
/// closed form over the channel's n elements, with x̂ the normalized input:
/// dβ = Σ dy, dγ = Σ dy·x̂, and with g = dy·γ,
/// dx = (g − mean(g) − x̂·mean(g·x̂)) / √(σ² + ε).
/// The two means are accumulated in float64, as PyTorch does: every dx of a channel then sums
/// to zero to float32 precision, which the next layer's weight gradient (a sum of dx times
/// inputs that are seldom centred) relies on.
/// </summary>
internal sealed class BatchNormalizationTrainingGradient : GradientRule
{
    /// <inheritdoc/>
    public override string Domain => TrainingOps.Domain;

    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = [TrainingOps.BatchNormalization];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var e = c.Emit;
        var dy = c.RequiredOutputGradient();
        var normalized = c.Output(4);
        int rank = c.ShapeOf(c.Input(0)).Rank;
        long[] axes = [0, .. Enumerable.Range(2, rank - 2).Select(a => (long)a)];
        long[] perChannel = [-1, .. Enumerable.Repeat(1L, rank - 2)];
        var result = new Value?[3];
        if (c.NeedsGradient(2)) result[2] = e.ReduceSum(dy, axes, keepDims: false);
        if (c.NeedsGradient(1)) result[1] = e.ReduceSum(e.Mul(dy, normalized), axes, keepDims: false);
        if (c.NeedsGradient(0))
        {
            var g = e.Mul(dy, e.Reshape(c.Input(1), perChannel));
            var meanG = PreciseMean(c, g, axes);
            var meanGx = PreciseMean(c, e.Mul(g, normalized), axes);
            result[0] = e.Mul(e.Sub(e.Sub(g, meanG), e.Mul(normalized, meanGx)), c.Output(3));
        }
        return result;
    }

    private static Value PreciseMean(GradientContext c, Value x, long[] axes)
    {
        var e = c.Emit;
        return e.Cast(e.ReduceMean(e.Cast(x, DataType.Double), axes, keepDims: true), DataType.Float);
    }
}
