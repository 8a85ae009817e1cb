using OnnxKit.Ir;

namespace OnnxKit.Reference.Engine;

/// <summary>
/// Binds every node of a model (main graph, subgraphs, model-local function bodies) to a kernel
/// or a function, so that an unsupported operator is reported before anything runs, naming the
/// operator, its domain, the imported opset and where the node is.
/// </summary>
internal sealed class GraphCompiler
{
    private readonly Model model;
    private readonly KernelRegistry registry;
    private readonly Dictionary<Graph, CompiledGraph> graphs = [];
    private readonly Dictionary<Function, CompiledGraph> functions = [];
    private readonly HashSet<Function> compiling = [];

    private GraphCompiler(Model model, KernelRegistry registry)
    {
        this.model = model;
        this.registry = registry;
    }

    /// <summary>Compiles <paramref name="model"/>; throws <see cref="UnsupportedFeatureException"/> for a node no kernel implements.</summary>
    public static CompiledModel Compile(Model model, KernelRegistry registry)
    {
        var compiler = new GraphCompiler(model, registry);
        var opsets = model.OpsetImports.ToDictionary(o => DomainNames.Canonical(o.Domain), o => (int)o.Version);
        var main = compiler.CompileGraph(model.Graph, $"graph '{model.Graph.Name}'", opsets);
        return new CompiledModel(model, main, compiler.graphs, compiler.functions);
    }

    private CompiledGraph CompileGraph(Graph graph, string path, IReadOnlyDictionary<string, int> opsets)
    {
        if (graph.SparseInitializers.Count > 0)
            throw new UnsupportedFeatureException("sparse initializers", $"{path}: sparse initializers are not supported by the reference evaluator.");
        var steps = new List<Step>();
        int index = 0;
        foreach (var node in graph.Nodes)
        {
            string nodePath = $"{path} > node {index++} {(string.IsNullOrEmpty(node.Name) ? "" : $"'{node.Name}' ")}({node.OpType})";
            steps.Add(CompileNode(node, nodePath, opsets));
            foreach (var attribute in node.Attributes)
            {
                foreach (var subgraph in attribute.Subgraphs())
                    graphs[subgraph] = CompileGraph(subgraph, $"{nodePath} > {attribute.Name}", opsets);
            }
        }
        AssignReleases(graph, steps);
        var constants = graph.Initializers.Select(v => KeyValuePair.Create(v, TensorValue.FromTensor(v.ConstValue!))).ToList();
        return new CompiledGraph(graph, path, steps, constants);
    }

    private Step CompileNode(Node node, string path, IReadOnlyDictionary<string, int> opsets)
    {
        string domain = DomainNames.Canonical(node.Domain);
        string displayDomain = DomainNames.Display(domain);
        if (!opsets.TryGetValue(domain, out int opset))
            throw new UnsupportedFeatureException($"{displayDomain}::{node.OpType}", $"{path}: the model does not import domain '{displayDomain}' used by operator {node.OpType}.");
        var function = model.FindFunction(node.Domain, node.OpType, node.Overload);
        if (function is not null)
        {
            CompileFunction(function, opsets, path);
            return new Step(node, path, opset) { Function = function };
        }
        var found = registry.Find(domain, node.OpType, opset);
        if (found is null)
        {
            string known = registry.DescribeVersions(domain, node.OpType);
            string detail = known.Length == 0 ? "no version of it is implemented" : $"implemented schema versions: {known}";
            throw new UnsupportedFeatureException($"{displayDomain}::{node.OpType}@{opset}",
                $"{path}: operator {node.OpType} of domain {displayDomain} at opset {opset} is not supported by the reference evaluator ({detail}).");
        }
        return new Step(node, path, opset) { Kernel = found.Value.Entry, SchemaVersion = found.Value.SchemaVersion };
    }

    private void CompileFunction(Function function, IReadOnlyDictionary<string, int> callerOpsets, string path)
    {
        if (functions.ContainsKey(function)) return;
        if (!compiling.Add(function))
            throw new OnnxKitException($"{path}: function {function.Domain}::{function.Name} calls itself, which ONNX does not allow.");
        var opsets = new Dictionary<string, int>(callerOpsets);
        foreach (var import in function.OpsetImports) opsets[DomainNames.Canonical(import.Domain)] = (int)import.Version;
        functions[function] = CompileGraph(function.Body, $"function {function.Domain}::{function.Name}", opsets);
        compiling.Remove(function);
    }

    /// <summary>Marks, for each step, the values of this graph that no later step (nor a graph output) reads.</summary>
    private static void AssignReleases(Graph graph, List<Step> steps)
    {
        var lastUse = new Dictionary<Value, int>();
        for (int i = 0; i < steps.Count; i++)
        {
            var node = steps[i].Node;
            foreach (var input in node.Inputs)
            {
                if (input is not null) lastUse[input] = i;
            }
            foreach (var captured in node.Subgraphs().SelectMany(OuterReads)) lastUse[captured] = i;
        }
        foreach (var output in graph.Outputs) lastUse.Remove(output);
        foreach (var group in lastUse.GroupBy(kv => kv.Value))
            steps[group.Key].ReleaseAfter = group.Select(kv => kv.Key).ToArray();
    }

    /// <summary>The values a subgraph (with its own subgraphs) reads but does not define.</summary>
    private static IEnumerable<Value> OuterReads(Graph graph)
    {
        var defined = new HashSet<Value>();
        var read = new HashSet<Value>();
        Collect(graph, defined, read);
        read.ExceptWith(defined);
        return read;
    }

    private static void Collect(Graph graph, HashSet<Value> defined, HashSet<Value> read)
    {
        defined.UnionWith(graph.Inputs);
        defined.UnionWith(graph.Initializers);
        read.UnionWith(graph.Outputs);
        foreach (var node in graph.Nodes)
        {
            defined.UnionWith(node.Outputs);
            foreach (var input in node.Inputs)
            {
                if (input is not null) read.Add(input);
            }
            foreach (var subgraph in node.Subgraphs()) Collect(subgraph, defined, read);
        }
    }

}
