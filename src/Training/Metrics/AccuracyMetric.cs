using OnnxKit.Ir;
using OnnxKit.Training.Losses;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Metrics;

/// <summary>
/// Accuracy. With labels: the share of examples whose largest output is the label's (ties go
/// to the first, as ArgMax). With dense 0/1 targets (binary losses): the share of outputs on
/// the right side of 0.5, averaged per example.
/// </summary>
internal sealed class AccuracyMetric : Metric
{
    /// <inheritdoc/>
    public override string Name => "accuracy";

    /// <inheritdoc/>
    internal override Value Build(LossContext c, Loss loss)
    {
        var e = c.Emit;
        if (loss.Targets.Contains(TargetKind.Labels))
        {
            var predicted = e.Op("ArgMax", [c.Prediction], Attribute.Int("axis", -1), Attribute.Int("keepdims", 0));
            return e.ReduceSum(e.Cast(e.Op("Equal", predicted, c.Target(TargetKind.Labels)), DataType.Float), [0], keepDims: false);
        }
        var half = e.Scalar(0.5f);
        var right = e.Cast(e.Op("Equal", e.Op("Greater", c.Prediction, half), e.Op("Greater", c.Target(TargetKind.Dense), half)), DataType.Float);
        return e.ReduceSum(c.PerExampleMean(right), [0], keepDims: false);
    }
}
