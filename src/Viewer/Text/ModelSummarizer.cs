using OnnxKit.Ir;

namespace OnnxKit.Viewer.Text;

/// <summary>Builds the <see cref="ModelSummary"/> of any ONNX model; reads no tensor data.</summary>
public static class ModelSummarizer
{
    /// <summary>Summarizes <paramref name="model"/>.</summary>
    public static ModelSummary Summarize(Model model)
    {
        var graph = model.Graph;
        var counted = new HashSet<Value>();
        var rows = new List<SummaryRow>();
        foreach (var input in graph.Inputs.Where(v => v.ConstValue is null))
        {
            rows.Add(new SummaryRow(input.Name, "Input", [KerasShape(input.Type)], 0));
        }

        foreach (var node in graph.Nodes)
        {
            long parameters = 0;
            foreach (var weight in WeightsRead(node))
            {
                if (counted.Add(weight)) parameters += weight.ConstValue!.ElementCount;
            }

            string name = !string.IsNullOrEmpty(node.Name) ? node.Name : node.Outputs.FirstOrDefault()?.Name ?? "";
            string type = node.IsDefaultDomain ? node.OpType : $"{node.Domain}.{node.OpType}";
            rows.Add(new SummaryRow(name, type, node.Outputs.Where(o => o.Name.Length > 0).Select(o => KerasShape(o.Type)).ToList(), parameters));
        }

        var all = model.AllGraphs().SelectMany(g => g.Initializers).ToList();
        long total = all.Sum(v => v.ConstValue!.ElementCount);
        return new ModelSummary(
            graph.Name ?? "",
            rows,
            total,
            all.Sum(v => v.ConstValue!.ByteCount),
            total - rows.Sum(r => r.Parameters));
    }

    /// <summary>A shape in Keras's notation: <c>(N, 64)</c>, <c>()</c> for a scalar, <c>?</c> when unknown.</summary>
    public static string KerasShape(OnnxType? type) => type switch
    {
        TensorType { Shape: { } shape } => "(" + string.Join(", ", shape.Select(d => d.ToString())) + ")",
        SequenceType s => $"seq {KerasShape(s.ElementType)}",
        _ => "?",
    };

    /// <summary>The initializers <paramref name="node"/> reads, directly or from inside its subgraphs.</summary>
    private static IEnumerable<Value> WeightsRead(Node node)
    {
        foreach (var input in node.Inputs)
        {
            if (input?.ConstValue is not null) yield return input;
        }

        foreach (var subgraph in node.Subgraphs())
        {
            foreach (var initializer in subgraph.Initializers) yield return initializer;
            foreach (var inner in subgraph.Nodes)
            {
                foreach (var weight in WeightsRead(inner)) yield return weight;
            }
        }
    }
}
