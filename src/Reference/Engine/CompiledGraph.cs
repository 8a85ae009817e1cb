using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>A graph (main graph, subgraph or function body) with every node bound to its kernel and its constants decoded.</summary>
internal sealed class CompiledGraph
{
    /// <summary>Creates a compiled graph.</summary>
    public CompiledGraph(Graph graph, string path, IReadOnlyList<Step> steps, IReadOnlyList<KeyValuePair<Value, TensorValue>> constants)
    {
        Graph = graph;
        Path = path;
        Steps = steps;
        Constants = constants;
    }

    /// <summary>The graph.</summary>
    public Graph Graph { get; }

    /// <summary>Where the graph is, for error messages.</summary>
    public string Path { get; }

    /// <summary>The nodes in execution order.</summary>
    public IReadOnlyList<Step> Steps { get; }

    /// <summary>The initializers, decoded once.</summary>
    public IReadOnlyList<KeyValuePair<Value, TensorValue>> Constants { get; }
}
