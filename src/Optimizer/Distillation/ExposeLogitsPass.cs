using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// <c>expose-logits</c>: finds a classifier's logits (<see cref="ClassifierHead"/>: the first
/// output, or the input of a final Softmax/LogSoftmax behind Identity, Reshape, Flatten or
/// Squeeze) and adds them as the output <c>logits</c>, keeping the original outputs. Fails with a
/// message naming the tensor when the model has no classifier head.
/// </summary>
public sealed class ExposeLogitsPass : Pass
{
    /// <inheritdoc/>
    public override string Name => "expose-logits";

    /// <inheritdoc/>
    public override string Description => "Distillation prep: add a classifier's logits (behind a final Softmax/LogSoftmax, Reshape, Flatten or Identity) as output 'logits'.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Explicit;

    /// <inheritdoc/>
    public override PassResult Run(Model model, PassContext context)
    {
        var head = ClassifierHead.Find(model, model.Graph.Name ?? "model");
        int before = model.Graph.Outputs.Count;
        DistillationOutputs.Publish(model, head.Logits, DistillationOutputs.Logits);
        return new PassResult(model, model.Graph.Outputs.Count != before);
    }
}
