using OnnxKit.Ir;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.Losses;

/// <summary>What a loss builds from: the model's output, the target inputs it asked for, and an emitter.</summary>
internal sealed class LossContext(GraphEmitter emitter, Value prediction, IReadOnlyDictionary<TargetKind, Value> targets)
{
    /// <summary>Writes the loss's nodes.</summary>
    public GraphEmitter Emit { get; } = emitter;

    /// <summary>The model's output, [batch, …].</summary>
    public Value Prediction { get; } = prediction;

    /// <summary>The target input of <paramref name="kind"/>.</summary>
    public Value Target(TargetKind kind) => targets[kind];

    /// <summary>
    /// The logits behind the prediction: the input of a final Softmax over the last axis (the
    /// model keeps its Softmax; training reads past it, as Keras does, for a stable loss), or the
    /// prediction itself.
    /// </summary>
    public Value Logits => FinalActivationInput("Softmax") ?? Prediction;

    /// <summary>The input of the node producing the prediction when that node is <paramref name="opType"/> over the last axis.</summary>
    public Value? FinalActivationInput(string opType)
    {
        if (Prediction.Producer is not { } node || node.OpType != opType || !node.IsDefaultDomain) return null;
        if (opType is "Softmax" or "LogSoftmax")
        {
            long axis = node.Attributes.GetInt("axis", -1);
            int rank = Prediction.TensorType?.Shape?.Rank ?? 0;
            if (axis != -1 && axis != rank - 1) return null;
        }
        return node.Inputs[0];
    }

    /// <summary>One-hot float rows [batch, classes] for the labels.</summary>
    public Value OneHot(long classes)
    {
        var e = Emit;
        return e.Op("OneHot", [Target(TargetKind.Labels), e.Constant(Ir.DenseTensor.FromInt64s([classes], [])), e.Floats([0f, 1f], 2)],
            Ir.Attribute.Int("axis", -1));
    }

    /// <summary>The number of classes: the prediction's last axis, which must be known.</summary>
    public long Classes => Prediction.TensorType?.Shape is { Rank: 2 } shape && shape[1].Value is long classes
        ? classes
        : throw new OnnxKitException($"A classification loss needs an output of shape [batch, classes]; '{Prediction.Name}' is {Prediction.Type?.ToString() ?? "of unknown shape"}.");

    /// <summary>The mean of an elementwise loss over every axis but the batch axis (nothing to average for a [batch] output).</summary>
    public Value PerExampleMean(Value elementwise)
    {
        int rank = Prediction.TensorType?.Shape?.Rank ?? throw new OnnxKitException($"The rank of output '{Prediction.Name}' is unknown.");
        return rank == 1 ? elementwise : Emit.ReduceMean(elementwise, Enumerable.Range(1, rank - 1).Select(a => (long)a).ToArray(), keepDims: false);
    }

    /// <summary>−Σ_classes target · log-probabilities, per example: the cross-entropy of rows [batch, classes].</summary>
    public Value CrossEntropy(Value target, Value logProbabilities) =>
        Emit.Neg(Emit.ReduceSum(Emit.Mul(target, logProbabilities), [1], keepDims: false));
}
