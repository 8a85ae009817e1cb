using OnnxKit.Ir;

namespace OnnxKit.Training.Losses;

/// <summary>
/// Cross-entropy between integer class labels and softmax(logits), Keras's
/// <c>sparse_categorical_crossentropy</c>: −log softmax(z)[label] per example. A model whose
/// output is a final Softmax is trained on that Softmax's input (the logits); with
/// <see cref="FromProbabilities"/> the output is taken as probabilities, clipped to [1e-7, 1]
/// before the log as Keras does.
/// </summary>
public sealed class SoftmaxCrossEntropy(bool fromProbabilities = false) : Loss
{
    /// <summary>Whether the output is read as probabilities rather than logits (a final Softmax is always read through).</summary>
    public bool FromProbabilities { get; } = fromProbabilities;

    /// <inheritdoc/>
    public override string Name => "sparse_categorical_crossentropy";

    /// <inheritdoc/>
    public override IReadOnlyList<TargetKind> Targets { get; } = [TargetKind.Labels];

    /// <inheritdoc/>
    internal override Value Build(LossContext c)
    {
        var e = c.Emit;
        var oneHot = c.OneHot(c.Classes);
        bool throughSoftmax = c.FinalActivationInput("Softmax") is not null;
        var logProbabilities = FromProbabilities && !throughSoftmax
            ? e.Op("Log", e.Op("Clip", c.Prediction, e.Scalar(1e-7f), e.Scalar(1f)))
            : e.Op("LogSoftmax", [c.Logits], Ir.Attribute.Int("axis", -1));
        return c.CrossEntropy(oneHot, logProbabilities);
    }
}
