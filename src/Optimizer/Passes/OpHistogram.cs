using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>Node counts per operator over a whole model (main graph, subgraphs and function bodies).</summary>
public static class OpHistogram
{
    /// <summary>Counts by operator, keyed <c>Conv</c> for ai.onnx and <c>domain::Op</c> otherwise, in ordinal key order.</summary>
    public static SortedDictionary<string, int> Of(Model model)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        IEnumerable<Graph> roots = [model.Graph, .. model.Functions.Select(f => f.Body)];
        foreach (var node in roots.SelectMany(g => g.AllNodes()))
        {
            string key = KeyOf(node);
            counts[key] = counts.GetValueOrDefault(key) + 1;
        }
        return counts;
    }

    /// <summary>The histogram key of one node.</summary>
    public static string KeyOf(Node node) => node.IsDefaultDomain ? node.OpType : $"{node.Domain}::{node.OpType}";
}
