using OnnxKit.Ir;
using OnnxKit.Optimizer.Rules.Folding;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Evaluates one node by running a one-node model in ONNX Runtime (an evaluator independent of OnnxKit's own).</summary>
public sealed class OrtConstantEvaluator : IConstantEvaluator
{
    /// <inheritdoc/>
    public IReadOnlyList<ITensor>? Evaluate(Node node, IReadOnlyList<ITensor?> inputs, IReadOnlyList<OpsetImport> opsets, out string? reason)
    {
        var graph = new Graph("fold");
        var values = inputs.Select((t, i) => t is null ? null : graph.AddInitializer($"in{i}", t)).ToList();
        var copy = new Node(node.Domain, node.OpType, values, node.Outputs.Select((o, i) => o.Name.Length == 0 ? "" : $"out{i}"), node.Attributes);
        graph.Nodes.Add(copy);
        graph.Outputs.AddRange(copy.Outputs.Where(o => o.Name.Length > 0));
        long opset = opsets.FirstOrDefault(o => o.IsDefaultDomain)?.Version ?? 1;
        var model = new Model(graph, opset switch { >= 23 => 11, >= 21 => 10, >= 19 => 9, _ => 8 }, opsets);
        try
        {
            var results = Ort.Run(model, []);
            var all = new ITensor[node.Outputs.Count];
            int k = 0;
            for (int i = 0; i < all.Length; i++) all[i] = node.Outputs[i].Name.Length == 0 ? DenseTensor.FromFloats([], [0]) : results[k++];
            reason = null;
            return all;
        }
        catch (Exception e) when (e is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or NotSupportedException)
        {
            reason = e.Message;
            return null;
        }
    }
}
