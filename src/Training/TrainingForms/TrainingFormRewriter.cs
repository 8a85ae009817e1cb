using OnnxKit.Exporter.Initialization;
using OnnxKit.Ir;
using OnnxKit.Training.Gradients.Rules;
using OnnxKit.Training.Graphs;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.TrainingForms;

/// <summary>
/// Rewrites an inference graph into the form it takes while training:
/// <list type="bullet">
/// <item>BatchNormalization whose running statistics are graph inputs (a trainable layer)
/// normalizes with the batch's statistics and updates the running ones
/// (<see cref="BatchNormTrainingForm"/>); one whose statistics are constants (a frozen layer)
/// stays in inference form.</item>
/// <item>Dropout runs in training mode with a seed derived from the training seed and the
/// node's name, and exposes its mask for the gradient.</item>
/// <item>MaxPool with overlapping or padded windows exposes the Indices output its gradient
/// scatters to (ONNX Runtime's MaxPool is several times slower with it, so pools whose
/// windows tile the input, the usual 2×2 stride-2 kind, keep the fast form and their gradient
/// finds each window's maximum itself).</item>
/// </list>
/// </summary>
internal static class TrainingFormRewriter
{
    /// <summary>Rewrites the graph in place and returns the running statistics to update after each step.</summary>
    public static IReadOnlyList<StatisticUpdate> Rewrite(GraphEmitter emitter, ulong seed)
    {
        var graph = emitter.Graph;
        var updates = new List<StatisticUpdate>();
        foreach (var node in graph.Nodes.ToList())
        {
            if (!node.IsDefaultDomain) continue;
            switch (node.OpType)
            {
                case "BatchNormalization" when node.Inputs.Count == 5 && node.Inputs[3] is { ConstValue: null, Producer: null }:
                    updates.AddRange(BatchNormTrainingForm.Rewrite(emitter, node));
                    break;
                case "Dropout":
                    emitter.InsertBefore = node;
                    Value?[] inputs = [node.Inputs[0], Ratio(emitter, node), emitter.Constant(TrueScalar)];
                    emitter.InsertBefore = null;
                    ReplaceWithTwoOutputs(emitter, node, DataType.Bool, inputs, [Attribute.Int("seed", DropoutSeed(seed, node))]);
                    break;
                case "MaxPool" when !MaxPoolGeometry.HasDisjointWindows(node):
                    ReplaceWithTwoOutputs(emitter, node, DataType.Int64, node.Inputs, node.Attributes);
                    break;
            }
        }
        return updates;
    }

    private static readonly DenseTensor TrueScalar = new(DataType.Bool, [], new byte[] { 1 });

    /// <summary>Dropout's ratio input; before opset 12 it was an attribute.</summary>
    private static Value Ratio(GraphEmitter emitter, Node node) =>
        node.Inputs.Count > 1 && node.Inputs[1] is { } ratio ? ratio : emitter.Scalar(node.Attributes.GetFloat("ratio", 0.5f));

    private static long DropoutSeed(ulong seed, Node node) =>
        (long)(SeededRandom.Mix(seed, SeededRandom.HashName(node.Name ?? node.Outputs[0].Name)) & 0x7FFF_FFFF);

    /// <summary>Replaces <paramref name="node"/> by a copy with a second output of <paramref name="secondType"/>.</summary>
    private static void ReplaceWithTwoOutputs(GraphEmitter emitter, Node node, DataType secondType, IEnumerable<Value?> inputs, IEnumerable<Attribute> attributes)
    {
        var output = node.Outputs[0];
        var first = new Value(output.Name, output.Type);
        var second = new Value(emitter.UniqueName(output.Name + "_" + (secondType == DataType.Bool ? "mask" : "indices")),
            output.TensorType is { } type ? type with { ElementType = secondType } : null);
        var replacement = new Node(node.Domain, node.OpType, inputs.ToList(), [first, second], attributes.ToList(), node.Name);
        node.Graph!.Nodes.InsertBefore(node, replacement);
        output.ReplaceAllUsesWith(first, replaceGraphOutputs: true);
        node.Graph.Nodes.Remove(node);
    }
}
