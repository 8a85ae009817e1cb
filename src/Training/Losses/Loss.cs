using OnnxKit.Ir;

namespace OnnxKit.Training.Losses;

/// <summary>
/// A training objective: a per-example loss written as ONNX nodes over the model's output and
/// target inputs; training minimizes its mean over the batch. The built-in losses are
/// <see cref="SoftmaxCrossEntropy"/>, <see cref="BinaryCrossEntropy"/>,
/// <see cref="MeanSquaredError"/> and <see cref="DistillationLoss"/>.
/// </summary>
public abstract class Loss
{
    /// <summary>The loss's Keras-style name, used in logs.</summary>
    public abstract string Name { get; }

    /// <summary>The targets the loss reads, besides the model's output.</summary>
    public abstract IReadOnlyList<TargetKind> Targets { get; }

    /// <summary>Emits the per-example loss, a float vector [batch].</summary>
    internal abstract Value Build(LossContext context);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
