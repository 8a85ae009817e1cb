using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Walks a graph (or a function body) in order, with its subgraphs nested where their nodes stand, and
/// checks names and data flow: every value defined once (single static assignment, no shadowing of an
/// enclosing graph's names), every read preceded by its definition (topological order, no cycles), inputs
/// typed where ONNX requires it, initializers consistent, outputs defined. Each node is also handed to
/// <see cref="NodeChecker"/> and <see cref="TypeConstraintChecker"/>.
/// </summary>
internal sealed class GraphChecker
{
    private readonly CheckContext context;
    private readonly ProblemList problems;
    private readonly NodeChecker nodes;
    private readonly TypeConstraintChecker types;
    private readonly TensorChecker tensors;
    private readonly DeclaredTypeChecker declaredTypes;
    private readonly Dictionary<Graph, Dictionary<Node, int>> positions = new(ReferenceEqualityComparer.Instance);
    private Dictionary<string, string>? definitionSites;

    public GraphChecker(CheckContext context)
    {
        this.context = context;
        problems = context.Problems;
        nodes = new NodeChecker(context);
        types = new TypeConstraintChecker(context);
        tensors = new TensorChecker(problems);
        declaredTypes = new DeclaredTypeChecker(problems);
    }

    public void CheckMainGraph(Graph graph)
    {
        CheckGraph(graph, Locations.MainGraph, null, null);
        if (graph.Outputs.Count == 0) problems.Warning(Locations.MainGraph, ProblemCodes.NoOutputs, "the main graph has no outputs.");
    }

    /// <summary>Checks a function body: its inputs are names only, it has no initializers and sees no graph around it.</summary>
    public void CheckFunctionBody(FunctionFrame function)
    {
        var body = function.Function.Body;
        var scope = new LexicalScope(null, body, function.Path);
        for (int i = 0; i < body.Inputs.Count; i++)
            Define(body.Inputs[i], Locations.Entry(function.Path, "input", i, body.Inputs[i].Name), scope, "function input");
        var nodePaths = CheckNodes(body, scope, function);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < body.Outputs.Count; i++)
        {
            var output = body.Outputs[i];
            string location = Locations.Entry(function.Path, "output", i, output.Name);
            if (output.Name.Length == 0) problems.Error(location, ProblemCodes.NameMissing, "a function output has no name.");
            else if (!seen.Add(output.Name)) problems.Error(location, ProblemCodes.DuplicateName, $"function output '{output.Name}' is listed more than once.");
            else CheckOutputDefined(output, location, scope);
        }
        CheckValueInfo(body, function.Path, scope);
        if (scope.HasOrderProblem) ReportCycle(body, function.Path, nodePaths);
    }

    private void CheckGraph(Graph graph, string path, LexicalScope? outer, FunctionFrame? function)
    {
        bool isMain = outer is null && function is null;
        if (string.IsNullOrEmpty(graph.Name))
            problems.Warning(path, ProblemCodes.GraphNameMissing, "the graph has no name; ONNX's checker requires one, though runtimes do not.");
        var scope = new LexicalScope(outer, graph, path);
        var inputsByName = new Dictionary<string, Value>(StringComparer.Ordinal);
        for (int i = 0; i < graph.Inputs.Count; i++)
        {
            var input = graph.Inputs[i];
            string location = Locations.Entry(path, "input", i, input.Name);
            declaredTypes.Check(input, location, requireComplete: isMain);
            Define(input, location, scope, "graph input");
            inputsByName.TryAdd(input.Name, input);
            if (TypeNames.Of(input.Type) is { } type) context.KnownTypes[input] = type;
        }
        DefineInitializers(graph, path, scope, inputsByName, isMain);
        var nodePaths = CheckNodes(graph, scope, function);
        CheckGraphOutputs(graph, path, scope, isMain);
        CheckValueInfo(graph, path, scope);
        CheckMetadata(graph.Metadata, path);
        if (scope.HasOrderProblem) ReportCycle(graph, path, nodePaths);
    }

    private void DefineInitializers(Graph graph, string path, LexicalScope scope, Dictionary<string, Value> inputsByName, bool isMain)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < graph.Initializers.Count; i++)
        {
            var initializer = graph.Initializers[i];
            var tensor = initializer.ConstValue!;
            string location = Locations.Entry(path, "initializer", i, initializer.Name);
            if (initializer.Name.Length == 0)
            {
                problems.Error(location, ProblemCodes.NameMissing, "an initializer has no name.");
                continue;
            }
            if (!names.Add(initializer.Name))
            {
                problems.Error(location, ProblemCodes.DuplicateName, $"initializer '{initializer.Name}' is listed more than once.");
                continue;
            }
            tensors.Check(tensor, location);
            if (TypeNames.Tensor(tensor.DataType) is { } type) context.KnownTypes[initializer] = type;
            if (inputsByName.TryGetValue(initializer.Name, out var input))
            {
                if (!isMain && context.Model.IrVersion >= 4)
                    problems.Warning(location, ProblemCodes.InitializerShadowsInput, $"initializer '{initializer.Name}' has the name of a subgraph input; from IR version 4 on the spec forbids this unless the operator allows it.");
                CheckInitializerMatchesInput(initializer.Name, tensor, input, location);
                scope.Define(initializer.Name, initializer);
                continue;
            }
            if (context.Model.IrVersion is > 0 and <= 3)
                problems.Error(location, ProblemCodes.InitializerNotInput, $"initializer '{initializer.Name}' is not a graph input; IR version {context.Model.IrVersion} requires every initializer to be one (from IR version 4 on it need not).");
            Define(initializer, location, scope, "initializer");
        }
        for (int i = 0; i < graph.SparseInitializers.Count; i++)
        {
            var sparse = graph.SparseInitializers[i];
            string location = Locations.Entry(path, "sparse_initializer", i, sparse.Name);
            if (string.IsNullOrEmpty(sparse.Name))
            {
                problems.Error(location, ProblemCodes.NameMissing, "a sparse initializer has no name.");
                continue;
            }
            if (!names.Add(sparse.Name))
            {
                problems.Error(location, ProblemCodes.DuplicateName, $"sparse initializer '{sparse.Name}' has the name of another initializer.");
                continue;
            }
            tensors.CheckSparse(sparse, location);
            if (!inputsByName.ContainsKey(sparse.Name)) DefineName(sparse.Name, null, location, scope, "sparse initializer");
        }
    }

    private void CheckInitializerMatchesInput(string name, ITensor tensor, Value input, string location)
    {
        if (input.Type is not TensorType declared) return;
        if (declared.ElementType != DataType.Undefined && declared.ElementType != tensor.DataType)
        {
            problems.Error(location, ProblemCodes.InitializerTypeMismatch,
                $"initializer '{name}' holds {tensor.DataType.OnnxName()} data, but graph input '{name}' is declared {declared.ElementType.OnnxName()}.");
            return;
        }
        if (declared.Shape is not { } shape) return;
        bool fits = shape.Rank == tensor.Dims.Count;
        for (int d = 0; fits && d < shape.Rank; d++) fits = shape[d].Value is not long size || size == tensor.Dims[d];
        if (!fits)
            problems.Error(location, ProblemCodes.InitializerTypeMismatch,
                $"initializer '{name}' has dims {TensorDims.Format(tensor.Dims)}, but graph input '{name}' is declared with shape {shape}.");
    }

    /// <summary>Checks the nodes in order; returns each node's location, by position.</summary>
    private List<string> CheckNodes(Graph graph, LexicalScope scope, FunctionFrame? function)
    {
        var paths = new List<string>();
        HashSet<string>? nodeNames = null;
        foreach (var node in graph.Nodes)
        {
            string path = Locations.Node(scope.Path, paths.Count, node);
            paths.Add(path);
            if (!string.IsNullOrEmpty(node.Name) && !(nodeNames ??= new(StringComparer.Ordinal)).Add(node.Name))
                problems.Warning(path, ProblemCodes.DuplicateNodeName, $"another node of this graph is also named '{node.Name}'; ONNX allows it, but names are meant to be unique.");
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i] is { } input) CheckRead(input, path, $"input {i}", scope, ProblemCodes.UndefinedInput);
            }
            var schema = nodes.Check(node, path, function);
            foreach (var attribute in node.Attributes)
            {
                string attributePath = Locations.Attribute(path, attribute.Name);
                if (attribute.Value is Graph subgraph) CheckGraph(subgraph, attributePath, scope, function);
                else if (attribute.Value is Graph[] subgraphs)
                {
                    for (int k = 0; k < subgraphs.Length; k++) CheckGraph(subgraphs[k], $"{attributePath}[{k}]", scope, function);
                }
            }
            foreach (var output in node.Outputs)
            {
                if (output.Name.Length > 0) DefineName(output.Name, output, path, scope, "node output");
            }
            if (schema is not null) types.Check(node, path, schema);
            else RecordDeclaredTypes(node);
            CheckMetadata(node.Metadata, path);
        }
        return paths;
    }

    private void RecordDeclaredTypes(Node node)
    {
        foreach (var output in node.Outputs)
        {
            if (TypeNames.Of(output.Type) is { } type) context.KnownTypes[output] = type;
        }
    }

    private void CheckGraphOutputs(Graph graph, string path, LexicalScope scope, bool isMain)
    {
        var seen = new HashSet<Value>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < graph.Outputs.Count; i++)
        {
            var output = graph.Outputs[i];
            string location = Locations.Entry(path, "output", i, output.Name);
            if (output.Name.Length == 0)
            {
                problems.Error(location, ProblemCodes.NameMissing, "a graph output has no name.");
                continue;
            }
            declaredTypes.Check(output, location, requireComplete: isMain);
            if (!seen.Add(output))
            {
                problems.Warning(location, ProblemCodes.DuplicateGraphOutput, $"'{output.Name}' is listed as a graph output more than once.");
                continue;
            }
            CheckOutputDefined(output, location, scope);
        }
    }

    private void CheckOutputDefined(Value output, string location, LexicalScope scope)
    {
        if (scope.Lookup(output) == LexicalScope.Visibility.Outer)
            problems.Error(location, ProblemCodes.OuterValueAsOutput,
                $"'{output.Name}' is a value of an enclosing graph; a subgraph's outputs must be defined inside it (pass the value through an Identity node).");
        else
            CheckRead(output, location, "the output", scope, ProblemCodes.UndefinedOutput);
    }

    private void CheckValueInfo(Graph graph, string path, LexicalScope scope)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < graph.ValueInfo.Count; i++)
        {
            var info = graph.ValueInfo[i];
            string location = Locations.Entry(path, "value_info", i, info.Name);
            declaredTypes.Check(info, location, requireComplete: false);
            if (!seen.Add(info.Name))
                problems.Warning(location, ProblemCodes.StrayValueInfo, $"'{info.Name}' has more than one value_info entry.");
            else if (scope.Lookup(info) is not (LexicalScope.Visibility.Local or LexicalScope.Visibility.Outer))
                problems.Warning(location, ProblemCodes.StrayValueInfo, $"value_info describes '{info.Name}', which this graph does not define.");
        }
    }

    private void CheckMetadata(List<KeyValuePair<string, string>> metadata, string path)
    {
        if (metadata.Count < 2) return;
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, _) in metadata)
        {
            if (!keys.Add(key)) problems.Warning(path, ProblemCodes.DuplicateMetadataKey, $"metadata key '{key}' appears more than once.");
        }
    }

    /// <summary>Defines a value under its own name (see <see cref="DefineName"/>).</summary>
    private void Define(Value value, string location, LexicalScope scope, string what) => DefineName(value.Name, value, location, scope, what);

    /// <summary>Records a definition, reporting an empty name, a second definition in this graph, or shadowing of an enclosing graph's name.</summary>
    private void DefineName(string name, Value? value, string location, LexicalScope scope, string what)
    {
        if (name.Length == 0)
        {
            problems.Error(location, ProblemCodes.NameMissing, $"a {what} has no name.");
            return;
        }
        if (scope.DefinesLocally(name))
            problems.Error(location, ProblemCodes.DuplicateName, $"{what} '{name}' is already defined in this graph; every value must be defined once.");
        else if (scope.DefinedOutside(name))
            problems.Error(location, ProblemCodes.ShadowedName, $"{what} '{name}' is already defined by an enclosing graph; a subgraph may not reuse (shadow) an outer name.");
        scope.Define(name, value);
    }

    /// <summary>Checks that a value read at <paramref name="location"/> is visible there, and reports why not.</summary>
    private void CheckRead(Value value, string location, string what, LexicalScope scope, string undefinedCode)
    {
        var visibility = scope.Lookup(value);
        if (visibility is LexicalScope.Visibility.Local or LexicalScope.Visibility.Outer) return;

        string name = value.Name;
        var producerScope = value.Producer is { } producer ? scope.ScopeOf(producer.Graph) : null;
        int? position = producerScope is null ? null : Position(value.Producer!);
        if (position is int index)
        {
            // A visible name read before a later node redefines it: the file reads the visible value, and the
            // redefinition is reported where it happens.
            if (visibility == LexicalScope.Visibility.OtherObjectOfSameName) return;
            string producerPath = Locations.Node(producerScope!.Path, index, value.Producer!);
            producerScope.HasOrderProblem = true;
            string message = producerScope == scope
                ? $"{what} reads '{name}' before it is computed, by {producerPath}; nodes must be in topological order."
                : $"{what} reads '{name}' of an enclosing graph, but it is computed later, by {producerPath}, after the node that holds this subgraph.";
            problems.Error(location, ProblemCodes.UseBeforeDefinition, message);
        }
        else if (visibility == LexicalScope.Visibility.OtherObjectOfSameName)
            problems.Error(location, ProblemCodes.DetachedValue, $"{what} reads a value named '{name}' that is not the value this graph defines under that name (the in-memory model is inconsistent).");
        else if (DefinitionSite(name) is { } site)
            problems.Error(location, ProblemCodes.OutOfScope, $"{what} reads '{name}', which is defined in {site}, a graph not visible from here.");
        else if (value.Producer is not null)
            problems.Error(location, ProblemCodes.DetachedValue, $"{what} reads '{name}', computed by a node that is not in any graph.");
        else if (undefinedCode == ProblemCodes.UndefinedOutput)
            problems.Error(location, undefinedCode, $"'{name}' is not a graph input, an initializer, or the output of any node of this graph.");
        else
            problems.Error(location, undefinedCode, $"{what} reads '{name}', which is not a graph input, an initializer, or an output of an earlier node.");
    }

    /// <summary>The location of a graph of the model that defines <paramref name="name"/>, or null when none does.</summary>
    private string? DefinitionSite(string name)
    {
        if (definitionSites is null)
        {
            definitionSites = new Dictionary<string, string>(StringComparer.Ordinal);
            CollectDefinitions(context.Model.Graph, Locations.MainGraph);
            for (int i = 0; i < context.Model.Functions.Count; i++) CollectDefinitions(context.Model.Functions[i].Body, Locations.Function(i));
        }
        return definitionSites.GetValueOrDefault(name);
    }

    private void CollectDefinitions(Graph graph, string path)
    {
        var names = graph.Inputs.Concat(graph.Initializers).Select(v => v.Name)
            .Concat(graph.SparseInitializers.Select(s => s.Name ?? ""))
            .Concat(graph.Nodes.SelectMany(n => n.Outputs).Select(v => v.Name));
        foreach (string name in names)
        {
            if (name.Length > 0) definitionSites!.TryAdd(name, path);
        }
        int index = 0;
        foreach (var node in graph.Nodes)
        {
            string nodePath = Locations.Node(path, index++, node);
            foreach (var attribute in node.Attributes)
            {
                string attributePath = Locations.Attribute(nodePath, attribute.Name);
                if (attribute.Value is Graph subgraph) CollectDefinitions(subgraph, attributePath);
                else if (attribute.Value is Graph[] subgraphs)
                {
                    for (int k = 0; k < subgraphs.Length; k++) CollectDefinitions(subgraphs[k], $"{attributePath}[{k}]");
                }
            }
        }
    }

    /// <summary>The index of <paramref name="node"/> in its graph, or null when the graph does not list it.</summary>
    private int? Position(Node node)
    {
        if (node.Graph is not { } graph) return null;
        if (!positions.TryGetValue(graph, out var map))
        {
            map = new Dictionary<Node, int>(ReferenceEqualityComparer.Instance);
            int index = 0;
            foreach (var member in graph.Nodes) map[member] = index++;
            positions[graph] = map;
        }
        return map.TryGetValue(node, out int position) ? position : null;
    }

    private void ReportCycle(Graph graph, string path, List<string> nodePaths)
    {
        if (CycleFinder.Find(graph) is not { } cycle) return;
        var steps = cycle.Select(index => nodePaths[index]).Append(nodePaths[cycle[0]]);
        problems.Error(path, ProblemCodes.Cycle, $"nodes depend on each other in a cycle: {string.Join(" -> ", steps)}.");
    }
}
