using OnnxKit.Ir;

namespace OnnxKit.Training.Losses;

/// <summary>Mean squared error, Keras's <c>mean_squared_error</c>: the mean of (p − t)² over the outputs of an example.</summary>
public sealed class MeanSquaredError : Loss
{
    /// <inheritdoc/>
    public override string Name => "mean_squared_error";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetKind> Targets { get; } = [TargetKind.Dense];

    /// <inheritdoc/>
    internal override Value Build(LossContext c)
    {
        var difference = c.Emit.Sub(c.Prediction, c.Target(TargetKind.Dense));
        return c.PerExampleMean(c.Emit.Mul(difference, difference));
    }
}
