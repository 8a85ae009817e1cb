using OnnxKit.Exporter.StandardLayers;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.Lowering;

/// <summary>
/// Lowers recorded layer calls in order, mapping symbolic tensors to ONNX values. A layer's
/// output is named after the layer (<c>dense_1</c>) and its type is recorded in the graph's
/// value_info, when the layer produced a new value for it.
/// </summary>
internal static class CallLowering
{
    public static void Lower(OnnxGraphBuilder builder, IEnumerable<LayerCall> calls, Dictionary<SymbolicTensor, Value> values,
        CancellationToken cancellationToken = default)
    {
        foreach (var call in calls)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (call.Layer is InputLayer)
            {
                if (!values.ContainsKey(call.Outputs[0]))
                    throw new InvalidOperationException($"Input '{call.Layer.Name}' has no value.");
                continue;
            }
            var inputs = call.Inputs.Select(t => values[t]).ToArray();
            var lastBefore = builder.Graph.Nodes.Last;
            builder.BeginLayer(call);
            var outputs = call.Layer.Lower(builder, call, inputs);
            if (outputs.Count != call.Outputs.Count)
                throw new InvalidOperationException($"Layer '{call.Layer.Name}' lowered to {outputs.Count} values for {call.Outputs.Count} outputs.");
            var created = NodesAfter(builder.Graph, lastBefore);
            for (int i = 0; i < outputs.Count; i++)
            {
                var value = outputs[i];
                if (value.Producer is { } producer && created.Contains(producer) && call.Layer is not Networks.Network)
                {
                    string wanted = call.CallIndex == 0 ? call.Layer.Name : $"{call.Layer.Name}_call{call.CallIndex}";
                    value.Name = builder.UniqueName(outputs.Count == 1 ? wanted : $"{wanted}:{i}");
                    value.Type = TypeOf(call.Outputs[i], builder);
                    builder.Graph.ValueInfo.Add(value);
                }
                values[call.Outputs[i]] = value;
            }
        }
    }

    /// <summary>The tensor type of a symbolic tensor inside the graph (NCHW, symbolic batch).</summary>
    internal static TensorType TypeOf(SymbolicTensor tensor, OnnxGraphBuilder builder) =>
        new(tensor.DataType, new Shape([builder.BatchDim, .. tensor.Shape.Select(d => Dim.Of(d))]));

    private static HashSet<Node> NodesAfter(Graph graph, Node? anchor)
    {
        var result = new HashSet<Node>();
        bool collecting = anchor is null;
        foreach (var node in graph.Nodes)
        {
            if (collecting) result.Add(node);
            else if (node == anchor) collecting = true;
        }
        return result;
    }
}
