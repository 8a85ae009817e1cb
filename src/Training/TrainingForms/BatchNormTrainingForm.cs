using OnnxKit.Ir;
using OnnxKit.Training.Graphs;

namespace OnnxKit.Training.TrainingForms;

/// <summary>
/// BatchNormalization as it runs while training, written with primitive operators so that
/// their gradient rules differentiate it (through the batch statistics):
/// μ = mean(x), σ² = mean((x − μ)²) over every axis but the channel axis 1,
/// y = γ·(x − μ)/√(σ² + ε) + β. The running statistics are updated as in PyTorch and Keras:
/// m ← momentum·m + (1 − momentum)·μ and v ← momentum·v + (1 − momentum)·σ²·n/(n − 1), with n the
/// number of elements per channel (the unbiased variance).
/// </summary>
internal static class BatchNormTrainingForm
{
    /// <summary>Replaces <paramref name="node"/> (inference-form BatchNormalization) and returns its two statistic updates.</summary>
    public static IReadOnlyList<StatisticUpdate> Rewrite(GraphEmitter e, Node node)
    {
        Value x = node.Inputs[0]!, scale = node.Inputs[1]!, bias = node.Inputs[2]!, runningMean = node.Inputs[3]!, runningVar = node.Inputs[4]!;
        float epsilon = node.Attributes.GetFloat("epsilon", 1e-5f), momentum = node.Attributes.GetFloat("momentum", 0.9f);
        int rank = x.TensorType?.Shape?.Rank ?? throw new OnnxKitException($"BatchNormalization '{node.Name}': the rank of its input is unknown.");
        long[] axes = [0, .. Enumerable.Range(2, rank - 2).Select(a => (long)a)];
        long[] perChannel = [-1, .. Enumerable.Repeat(1L, rank - 2)];

        e.InsertBefore = node;
        e.Scope = node.Name ?? "batch_norm";
        var mean = e.ReduceMean(x, axes, keepDims: true);
        var centered = e.Sub(x, mean);
        var variance = e.ReduceMean(e.Mul(centered, centered), axes, keepDims: true);
        var invStd = e.Op("Reciprocal", e.Op("Sqrt", e.Add(variance, e.Scalar(epsilon))));
        var y = e.Add(e.Mul(e.Mul(centered, invStd), e.Reshape(scale, perChannel)), e.Reshape(bias, perChannel));

        var perChannelCount = e.Div(e.Cast(e.Op("Size", x), DataType.Float), e.Cast(e.Op("Size", mean), DataType.Float));
        var bessel = e.Div(perChannelCount, e.Sub(perChannelCount, e.Scalar(1f)));
        var newMean = Blend(e, runningMean, e.Reshape(mean, [-1]), momentum);
        var newVar = Blend(e, runningVar, e.Mul(e.Reshape(variance, [-1]), bessel), momentum);
        e.InsertBefore = null;

        node.Outputs[0].ReplaceAllUsesWith(y, node.Graph);
        node.Graph!.Nodes.Remove(node);
        return [new(runningMean, newMean), new(runningVar, newVar)];
    }

    private static Value Blend(GraphEmitter e, Value running, Value batch, float momentum) =>
        e.Add(e.Scale(running, momentum), e.Scale(batch, 1f - momentum));
}
