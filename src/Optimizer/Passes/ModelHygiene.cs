using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>Book-keeping the runner does after a pass changed a model.</summary>
internal static class ModelHygiene
{
    /// <summary>
    /// Drops <c>value_info</c> entries for values a pass removed from their graph, so a saved model
    /// never declares a type for a name that no longer exists (or now names another value).
    /// </summary>
    public static void PruneValueInfo(Model model)
    {
        foreach (var graph in model.AllGraphs())
        {
            if (graph.ValueInfo.Count == 0) continue;
            var live = new HashSet<Value>(graph.Inputs, ReferenceEqualityComparer.Instance);
            live.UnionWith(graph.Initializers);
            foreach (var node in graph.Nodes) live.UnionWith(node.Outputs);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            graph.ValueInfo.RemoveAll(v => !live.Contains(v) || !seen.Add(v.Name));
        }
    }
}
