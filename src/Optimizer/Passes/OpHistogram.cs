using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>Node counts per operator over a whole model (main graph, subgraphs and function bodies).</summary>
public static class OpHistogram
{
    /// <summary>Counts by operator, keyed <c>Conv</c> for ai.onnx and <c>domain::Op</c> otherwise, in ordinal key order.</summary>
    public static SortedCounts<int> Of(Model model)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        IEnumerable<Graph> roots = [model.Graph, .. model.Functions.Select(f => f.Body)];
        foreach (var node in roots.SelectMany(g => g.AllNodes()))
        {
            string key = KeyOf(node);
            counts[key] = counts.TryGetValue(key, out int count) ? count + 1 : 1;
        }
        return new SortedCounts<int>(counts);
    }

    /// <summary>The histogram key of one node.</summary>
    public static string KeyOf(Node node) => node.IsDefaultDomain ? node.OpType : $"{node.Domain}::{node.OpType}";
}
