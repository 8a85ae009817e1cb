using OnnxKit.Ir;

namespace OnnxKit.Training.Losses;

/// <summary>
/// Binary cross-entropy, Keras's <c>binary_crossentropy</c>: −[t·log p + (1 − t)·log(1 − p)]
/// averaged over the outputs of an example (multi-label heads). A final Sigmoid is read
/// through: with logits z the loss is computed stably as max(z, 0) − z·t + log(1 + e^−|z|).
/// Otherwise the output is taken as probabilities, clipped to [1e-7, 1 − 1e-7].
/// </summary>
public sealed class BinaryCrossEntropy : Loss
{
    /// <inheritdoc/>
    public override string Name => "binary_crossentropy";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetKind> Targets { get; } = [TargetKind.Dense];

    /// <inheritdoc/>
    internal override Value Build(LossContext c)
    {
        var e = c.Emit;
        var t = c.Target(TargetKind.Dense);
        Value elementwise;
        if (c.FinalActivationInput("Sigmoid") is { } z)
        {
            var softplus = e.Op("Softplus", e.Neg(e.Op("Abs", z)));
            elementwise = e.Add(e.Sub(e.Op("Relu", z), e.Mul(z, t)), softplus);
        }
        else
        {
            var p = e.Op("Clip", c.Prediction, e.Scalar(1e-7f), e.Scalar(1f - 1e-7f));
            var one = e.Scalar(1f);
            elementwise = e.Neg(e.Add(e.Mul(t, e.Op("Log", p)), e.Mul(e.Sub(one, t), e.Op("Log", e.Sub(one, p)))));
        }
        return c.PerExampleMean(elementwise);
    }
}
