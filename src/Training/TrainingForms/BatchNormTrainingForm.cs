using OnnxKit.Ir;
using OnnxKit.Training.Graphs;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.TrainingForms;

/// <summary>
/// BatchNormalization as it runs while training: normalized with the batch's statistics,
/// μ = mean(x) and σ² = mean((x − μ)²) over every axis but the channel axis 1, so
/// y = γ·(x − μ)/√(σ² + ε) + β (one <see cref="TrainingOps.BatchNormalization"/> node, lowered
/// to primitives after differentiation). The running statistics are updated as PyTorch and
/// Keras do: m ← momentum·m + (1 − momentum)·μ and v ← momentum·v + (1 − momentum)·σ²·n/(n − 1),
/// with n the number of elements per channel (the unbiased variance).
/// </summary>
internal static class BatchNormTrainingForm
{
    /// <summary>Replaces <paramref name="node"/> (inference-form BatchNormalization) and returns its two statistic updates.</summary>
    public static IReadOnlyList<StatisticUpdate> Rewrite(GraphEmitter e, Node node)
    {
        Value x = node.Inputs[0]!, scale = node.Inputs[1]!, bias = node.Inputs[2]!, runningMean = node.Inputs[3]!, runningVar = node.Inputs[4]!;
        float epsilon = node.Attributes.GetFloat("epsilon", 1e-5f), momentum = node.Attributes.GetFloat("momentum", 0.9f);
        var xType = x.TensorType is { Shape: { } shape } type ? type : throw new OnnxKitException($"BatchNormalization '{node.Name}': the shape of its input is unknown.");
        var statisticType = new TensorType(DataType.Float, new Shape([1, shape[1], .. Enumerable.Repeat(Dim.Of(1), shape.Rank - 2)]));

        string name = node.Name ?? node.Outputs[0].Name;
        var outputs = new[] { "y", "mean", "variance", "inv_std", "normalized" }
            .Select((suffix, i) => new Value(i == 0 ? node.Outputs[0].Name : e.UniqueName($"{name}/{suffix}"), i is 0 or 4 ? xType : statisticType))
            .ToArray();
        var training = new Node(TrainingOps.Domain, TrainingOps.BatchNormalization, [x, scale, bias], outputs, [Attribute.Float("epsilon", epsilon)], name);
        node.Graph!.Nodes.InsertBefore(node, training);
        node.Outputs[0].ReplaceAllUsesWith(outputs[0], replaceGraphOutputs: true);
        node.Graph.Nodes.Remove(node);

        e.Scope = name;
        var perChannelCount = e.Div(e.Cast(e.Op("Size", x), DataType.Float), e.Cast(e.Op("Size", outputs[1]), DataType.Float));
        var bessel = e.Div(perChannelCount, e.Sub(perChannelCount, e.Scalar(1f)));
        var newMean = Blend(e, runningMean, e.Reshape(outputs[1], [-1]), momentum);
        var newVar = Blend(e, runningVar, e.Mul(e.Reshape(outputs[2], [-1]), bessel), momentum);
        return [new(runningMean, newMean), new(runningVar, newVar)];
    }

    /// <summary>Writes the primitives computing a <see cref="TrainingOps.BatchNormalization"/> node's outputs before it, and removes it.</summary>
    public static void Lower(GraphEmitter e, Node node)
    {
        Value x = node.Inputs[0]!, scale = node.Inputs[1]!, bias = node.Inputs[2]!;
        int rank = node.Outputs[0].TensorType!.Shape!.Rank;
        long[] axes = [0, .. Enumerable.Range(2, rank - 2).Select(a => (long)a)];
        long[] perChannel = [-1, .. Enumerable.Repeat(1L, rank - 2)];
        e.InsertBefore = node;
        e.Scope = node.Name ?? "batch_norm";
        var mean = e.ReduceMean(x, axes, keepDims: true);
        var centered = e.Sub(x, mean);
        var variance = e.ReduceMean(e.Mul(centered, centered), axes, keepDims: true);
        var invStd = e.Op("Reciprocal", e.Op("Sqrt", e.Add(variance, e.Scalar(node.Attributes.GetFloat("epsilon", 1e-5f)))));
        var normalized = e.Mul(centered, invStd);
        var y = e.Add(e.Mul(normalized, e.Reshape(scale, perChannel)), e.Reshape(bias, perChannel));
        e.InsertBefore = null;
        Value[] lowered = [y, mean, variance, invStd, normalized];
        for (int i = 0; i < lowered.Length; i++) node.Outputs[i].ReplaceAllUsesWith(lowered[i], replaceGraphOutputs: true);
        node.Graph!.Nodes.Remove(node);
    }

    private static Value Blend(GraphEmitter e, Value running, Value batch, float momentum) =>
        e.Add(e.Scale(running, momentum), e.Scale(batch, 1f - momentum));
}
