using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Evaluation;

/// <summary>
/// A model holding one node whose inputs are initializers, for evaluating that node on constants
/// (constant folding) on any backend of the execution contract.
/// </summary>
internal static class SingleNodeModel
{
    /// <summary>
    /// Computes <paramref name="node"/>'s outputs (the node is not modified) from <paramref name="inputs"/>,
    /// given in the node's input order (null for omitted optional inputs), under <paramref name="opsets"/>:
    /// one tensor per node output (an empty one for an omitted output).
    /// </summary>
    /// <exception cref="OnnxKitException">The backend cannot run the node (an unsupported operator or type), or running it fails.</exception>
    public static IReadOnlyList<ITensor> Evaluate(IBackend backend, Node node, IReadOnlyList<ITensor?> inputs, IReadOnlyList<OpsetImport> opsets)
    {
        var model = Build(node, inputs, opsets);
        using var prepared = backend.Prepare(model);
        var outputs = prepared.Run(new Dictionary<string, ITensor>());
        int next = 0;
        var results = new ITensor[node.Outputs.Count];
        for (int i = 0; i < results.Length; i++)
            results[i] = node.Outputs[i].Name.Length == 0 ? DenseTensor.FromFloats([], [0]) : outputs[model.Graph.Outputs[next++].Name];
        return results;
    }

    /// <summary>
    /// Builds the model: input i becomes initializer <c>in{i}</c>, output j graph output <c>out{j}</c>
    /// (omitted outputs stay omitted). The node's attributes are shared (they are immutable).
    /// </summary>
    public static Model Build(Node node, IReadOnlyList<ITensor?> inputs, IReadOnlyList<OpsetImport> opsets)
    {
        var graph = new Graph("fold");
        var values = inputs.Select((t, i) => t is null ? null : graph.AddInitializer($"in{i}", t)).ToList();
        var copy = new Node(node.Domain, node.OpType, values, node.Outputs.Select((o, i) => o.Name.Length == 0 ? "" : $"out{i}"), node.Attributes);
        graph.Nodes.Add(copy);
        graph.Outputs.AddRange(copy.Outputs.Where(o => o.Name.Length > 0));
        long opset = opsets.FirstOrDefault(o => o.IsDefaultDomain)?.Version ?? 1;
        return new Model(graph, IrVersionFor(opset), opsets);
    }

    /// <summary>The IR version ONNX released with <paramref name="opset"/> (8 at least, so initializers need not be inputs).</summary>
    public static long IrVersionFor(long opset) => opset switch { >= 23 => 11, >= 21 => 10, >= 19 => 9, _ => 8 };
}
