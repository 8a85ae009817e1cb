using OnnxKit.Ir;
using OnnxKit.ShapeInference;

namespace OnnxKit.Optimizer.Distillation;

/// <summary>
/// Where a classifier's logits are: its output called <c>logits</c> when it has one (a prepared
/// teacher), else its first output, or, when that output is a Softmax or LogSoftmax (possibly
/// behind Identity, Reshape, Flatten or Squeeze), that operator's input.
/// The logits must be [batch, classes] with at least two classes; anything else is not a
/// classifier head.
/// </summary>
/// <param name="Logits">The value holding the logits (in the model <see cref="Find"/> was given).</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="ReadThroughSoftmax">Whether the logits were found behind a final Softmax or LogSoftmax.</param>
public sealed record ClassifierHead(Value Logits, long Classes, bool ReadThroughSoftmax)
{
    private static readonly HashSet<string> PassThrough = new(StringComparer.Ordinal) { "Identity", "Reshape", "Flatten", "Squeeze" };

    /// <summary>
    /// Finds the head of <paramref name="model"/>, called <paramref name="name"/> in messages.
    /// Infers shapes into the model's values (types only; no value_info is added), so give it
    /// a model you own.
    /// </summary>
    /// <exception cref="OnnxKitException">The model has no outputs, or its logits are not [batch, classes]; the message names the model and the tensor.</exception>
    public static ClassifierHead Find(Model model, string name)
    {
        var graph = model.Graph;
        if (graph.Outputs.Count == 0) throw new OnnxKitException($"'{name}' has no outputs.");
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        var output = graph.Outputs.FirstOrDefault(o => o.Name == DistillationOutputs.Logits) ?? graph.Outputs[0];
        var logits = output;
        bool throughSoftmax = false;
        for (var node = output.Producer; node is { IsDefaultDomain: true }; node = node.Inputs[0]?.Producer)
        {
            if (node.OpType is "Softmax" or "LogSoftmax")
            {
                logits = node.Inputs[0]!;
                throughSoftmax = true;
                break;
            }
            if (!PassThrough.Contains(node.OpType)) break;
        }
        if (logits.TensorType is not { ElementType: DataType.Float, Shape: { Rank: 2 } shape } || shape[1].Value is not (long classes and >= 2))
        {
            throw new OnnxKitException(
                $"'{name}' has no classifier head: {(throughSoftmax ? $"the input '{logits.Name}' of its final softmax" : $"its output '{output.Name}'")} is " +
                $"{logits.Type?.ToString() ?? "of unknown type and shape"}, but distillation needs float class logits [batch, classes] with at least two classes.");
        }
        return new ClassifierHead(logits, classes, throughSoftmax);
    }
}
