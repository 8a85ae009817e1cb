using OnnxKit.Ir;
using OnnxKit.Training.Losses;

namespace OnnxKit.Training.Metrics;

/// <summary>The mean absolute error between output and dense targets, per example.</summary>
internal sealed class MeanAbsoluteErrorMetric : Metric
{
    /// <inheritdoc/>
    public override string Name => "mae";

    /// <inheritdoc/>
    public override bool HigherIsBetter => false;

    /// <inheritdoc/>
    internal override Value Build(LossContext c, Loss loss)
    {
        if (!loss.Targets.Contains(TargetKind.Dense)) throw new OnnxKitException($"The metric 'mae' needs dense targets; the loss '{loss.Name}' has none.");
        var e = c.Emit;
        var error = e.Op("Abs", e.Sub(c.Prediction, c.Target(TargetKind.Dense)));
        return e.ReduceSum(c.PerExampleMean(error), [0], keepDims: false);
    }
}
