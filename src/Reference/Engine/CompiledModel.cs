using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>A model with its main graph, every subgraph and every model-local function body compiled.</summary>
internal sealed class CompiledModel
{
    private readonly Dictionary<Graph, CompiledGraph> graphs;
    private readonly Dictionary<Function, CompiledGraph> functions;

    /// <summary>Creates the compiled model.</summary>
    public CompiledModel(Model model, CompiledGraph main, Dictionary<Graph, CompiledGraph> graphs, Dictionary<Function, CompiledGraph> functions)
    {
        Model = model;
        Main = main;
        this.graphs = graphs;
        this.functions = functions;
    }

    /// <summary>The source model.</summary>
    public Model Model { get; }

    /// <summary>The main graph.</summary>
    public CompiledGraph Main { get; }

    /// <summary>A compiled subgraph (If branch, Loop or Scan body, ...).</summary>
    public CompiledGraph Subgraph(Graph graph) =>
        graphs.TryGetValue(graph, out var compiled) ? compiled : throw new InvalidOperationException($"Subgraph '{graph.Name}' was not compiled.");

    /// <summary>The compiled body of a model-local function.</summary>
    public CompiledGraph FunctionBody(Function function) => functions[function];
}
