using OnnxKit.Inspection;
using OnnxKit.Ir;

namespace OnnxKit.Viewer.Text;

/// <summary>
/// Builds the <see cref="ModelSummary"/> of any ONNX model; reads no tensor data. Weights are the
/// initializers and the numeric tensors of Constant nodes (<see cref="ParameterTensors"/>); each is
/// counted on the first node that reads it.
/// </summary>
public static class ModelSummarizer
{
    /// <summary>Summarizes <paramref name="model"/>.</summary>
    public static ModelSummary Summarize(Model model)
    {
        var graph = model.Graph;
        var weights = ParameterTensors.Of(model).ToDictionary(p => p.Value);
        var counted = new HashSet<Value>();
        var rows = new List<SummaryRow>();
        foreach (var input in graph.Inputs.Where(v => v.ConstValue is null))
        {
            rows.Add(new SummaryRow(input.Name, "Input", [KerasShape(input.Type)], 0));
        }

        foreach (var node in graph.Nodes)
        {
            long parameters = 0;
            foreach (var weight in WeightsRead(node, weights))
            {
                if (counted.Add(weight)) parameters += weights[weight].Tensor.ElementCount;
            }

            string name = !string.IsNullOrEmpty(node.Name) ? node.Name : node.Outputs.FirstOrDefault()?.Name ?? "";
            string type = node.IsDefaultDomain ? node.OpType : $"{node.Domain}.{node.OpType}";
            rows.Add(new SummaryRow(name, type, node.Outputs.Where(o => o.Name.Length > 0).Select(o => KerasShape(o.Type)).ToList(), parameters));
        }

        long total = weights.Values.Sum(p => p.Tensor.ElementCount);
        return new ModelSummary(
            graph.Name ?? "",
            rows,
            total,
            weights.Values.Sum(p => p.Tensor.ByteCount),
            total - rows.Sum(r => r.Parameters),
            weights.Values.Where(p => p.Storage == ParameterStorage.ConstantNode).Sum(p => p.Tensor.ElementCount));
    }

    /// <summary>A shape in Keras's notation: <c>(N, 64)</c>, <c>()</c> for a scalar, <c>?</c> when unknown.</summary>
    public static string KerasShape(OnnxType? type) => type switch
    {
        TensorType { Shape: { } shape } => "(" + string.Join(", ", shape.Select(d => d.ToString())) + ")",
        SequenceType s => $"seq {KerasShape(s.ElementType)}",
        _ => "?",
    };

    /// <summary>The weights <paramref name="node"/> reads, directly or from inside its subgraphs.</summary>
    private static IEnumerable<Value> WeightsRead(Node node, IReadOnlyDictionary<Value, ParameterTensor> weights)
    {
        foreach (var input in node.Inputs)
        {
            if (input is not null && weights.ContainsKey(input)) yield return input;
        }

        foreach (var subgraph in node.Subgraphs())
        {
            foreach (var initializer in subgraph.Initializers) yield return initializer;
            foreach (var inner in subgraph.Nodes)
            {
                foreach (var weight in WeightsRead(inner, weights)) yield return weight;
            }
        }
    }
}
