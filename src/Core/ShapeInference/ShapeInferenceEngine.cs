using OnnxKit.Ir;
using OnnxKit.ShapeInference.Rules;

namespace OnnxKit.ShapeInference;

/// <summary>
/// Walks a model's graphs in node order, runs each node's shape rule, and records the results:
/// refined types on values, new value_info entries, uncovered nodes and diagnostics.
/// </summary>
internal sealed class ShapeInferenceEngine
{
    /// <summary>How deeply calls of model-local functions are followed.</summary>
    private const int MaxFunctionDepth = 8;

    private readonly Model model;
    private readonly ShapeInferenceOptions options;
    private readonly HashSet<Value> overridable;
    private readonly List<ShapeInferenceDiagnostic> diagnostics = [];
    private readonly List<UncoveredNode> uncovered = [];
    private readonly Dictionary<Graph, HashSet<Value>> declaredValues = [];
    private int nodeCount;
    private int typedCount;
    private int refinedCount;

    public ShapeInferenceEngine(Model model, ShapeInferenceOptions options)
    {
        this.model = model;
        this.options = options;
        // From IR version 4 on, an initializer that is also a graph input is a default the caller may override.
        overridable = model.IrVersion >= 4
            ? model.Graph.Inputs.Where(v => v.ConstValue is not null).ToHashSet()
            : [];
    }

    public ShapeInferenceReport Run()
    {
        var store = TypeStore.Committing();
        foreach (var function in model.Functions)
        {
            // Function bodies declare untyped inputs; walking them alone types what does not depend on the caller.
            // ONNX has value_info in functions from IR version 10.
            var frame = new GraphFrame(function.Body, store, $"function {function.Domain}::{function.Name}",
                function.OpsetImports, model.OpsetImports, options.WriteValueInfo && model.IrVersion >= 10);
            Walk(frame);
        }
        Walk(new GraphFrame(model.Graph, store, "main", model.OpsetImports, [], options.WriteValueInfo));
        var report = new ShapeInferenceReport(nodeCount, typedCount, refinedCount, uncovered, diagnostics);
        if (options.ConflictsAreErrors && diagnostics.Count > 0) throw new ShapeInferenceException(report);
        return report;
    }

    /// <summary>True for an initializer that a caller may replace by feeding the input of the same name.</summary>
    public bool IsOverridable(Value value) => overridable.Contains(value);

    private void Walk(GraphFrame frame)
    {
        int index = 0;
        foreach (var node in frame.Graph.Nodes) InferNode(frame, node, index++);
    }

    private void InferNode(GraphFrame frame, Node node, int index)
    {
        string label = string.IsNullOrEmpty(node.Name) ? $"{node.OpType}#{index}" : node.Name;
        var context = new NodeContext(this, frame, node, $"{frame.Path}/{label}");
        if (frame.Store.Commits) nodeCount++;
        var rule = node.IsDefaultDomain ? RuleTable.Find(node.OpType) : null;
        try
        {
            if (rule is not null) rule(context);
            else if (model.FindFunction(node.Domain, node.OpType, node.Overload) is { } function) InferCall(context, function);
            else if (frame.Store.Commits) uncovered.Add(new UncoveredNode(context.Path, node.Domain, node.OpType));
        }
        catch (InferenceFailure failure) when (failure.Silent)
        {
        }
        catch (InferenceFailure failure)
        {
            Report(ShapeDiagnosticKind.InconsistentNode, context, failure.Message);
        }
        catch (InvalidOperationException error)
        {
            // An attribute of the wrong kind (Attribute.AsInt on a string, ...).
            Report(ShapeDiagnosticKind.InconsistentNode, context, error.Message);
        }
        catch (OverflowException)
        {
            Report(ShapeDiagnosticKind.InconsistentNode, context, "a computed size does not fit in 64 bits");
        }
        context.CompleteFromSchema();
        foreach (var attribute in node.Attributes)
        {
            foreach (var subgraph in attribute.Subgraphs().Where(g => !context.WalkedSubgraphs.Contains(g)))
                Walk(frame.ForSubgraph(subgraph, $"{context.Path}/{attribute.Name}"));
        }
    }

    private void Report(ShapeDiagnosticKind kind, NodeContext context, string message)
    {
        if (!context.Frame.Store.Quiet) diagnostics.Add(new ShapeInferenceDiagnostic(kind, context.Path, null, null, null, message));
    }

    /// <summary>Gives <paramref name="value"/> the inferred type, refining (never contradicting) what it has.</summary>
    public void Assign(NodeContext context, Value value, OnnxType inferred)
    {
        var frame = context.Frame;
        var declared = frame.Store.Get(value);
        var merged = TypeMerger.Refine(declared, inferred, out string? conflict);
        if (merged is null)
        {
            if (frame.Store.Quiet) return;
            diagnostics.Add(new ShapeInferenceDiagnostic(ShapeDiagnosticKind.TypeConflict, context.Path, value.Name,
                declared, inferred, $"value '{value.Name}': {conflict}"));
            return;
        }
        if (merged.Equals(declared)) return;
        frame.Store.Set(value, merged);
        if (!frame.Store.Commits) return;
        if (declared is not null)
        {
            refinedCount++;
            return;
        }
        typedCount++;
        if (frame.WriteValueInfo && !DeclaredValues(frame.Graph).Contains(value))
        {
            frame.Graph.ValueInfo.Add(value);
            DeclaredValues(frame.Graph).Add(value);
        }
    }

    /// <summary>The values a graph already declares (inputs, outputs, value_info), which need no new value_info entry.</summary>
    private HashSet<Value> DeclaredValues(Graph graph)
    {
        if (!declaredValues.TryGetValue(graph, out var set))
        {
            set = [.. graph.Inputs, .. graph.Outputs, .. graph.ValueInfo];
            declaredValues.Add(graph, set);
        }
        return set;
    }

    /// <summary>
    /// Walks a subgraph of <paramref name="context"/>'s node; untyped subgraph inputs take
    /// <paramref name="inputTypes"/>. A trial walk changes nothing and reports nothing.
    /// </summary>
    public IReadOnlyList<OnnxType?> InferSubgraph(NodeContext context, string attributeName, Graph graph, IReadOnlyList<OnnxType?> inputTypes, bool trial)
    {
        var store = trial ? TypeStore.Scratch(context.Frame.Store, quiet: true) : null;
        var frame = context.Frame.ForSubgraph(graph, $"{context.Path}/{attributeName}", store);
        for (int i = 0; i < graph.Inputs.Count && i < inputTypes.Count; i++)
        {
            if (inputTypes[i] is not { } type || frame.Store.Get(graph.Inputs[i]) is not null) continue;
            frame.Store.Set(graph.Inputs[i], type);
            if (frame.Store.Commits) typedCount++;
        }
        Walk(frame);
        return graph.Outputs.Select(frame.Store.Get).ToList();
    }

    /// <summary>
    /// Infers a call of a model-local function by walking its body with the caller's input types
    /// and attributes, in a scratch store: the body is shared by all calls and is not changed.
    /// </summary>
    private void InferCall(NodeContext context, Function function)
    {
        var frame = context.Frame;
        if (frame.ActiveFunctions.Contains(function))
            throw context.Fail($"function {function.Domain}::{function.Name} calls itself");
        if (frame.ActiveFunctions.Count >= MaxFunctionDepth)
            throw new InferenceFailure("function calls nest too deeply", silent: true);

        var attributes = new Dictionary<string, Ir.Attribute>(StringComparer.Ordinal);
        foreach (var fallback in function.AttributeDefaults) attributes[fallback.Name] = fallback;
        foreach (var name in function.AttributeNames.Concat(function.AttributeDefaults.Select(a => a.Name)))
        {
            if (context.Attr(name) is { } given) attributes[name] = given;
        }

        var store = TypeStore.Scratch(quiet: frame.Store.Quiet);
        var body = function.Body;
        for (int i = 0; i < body.Inputs.Count; i++)
        {
            if (context.InputType(i) is { } type) store.Set(body.Inputs[i], type);
            if (context.InputData(i) is { } data) store.SetData(body.Inputs[i], data);
        }
        Walk(new GraphFrame(body, store, $"{context.Path}/{function.Name}", function.OpsetImports, model.OpsetImports, false)
        {
            FunctionAttributes = attributes,
            ActiveFunctions = [.. frame.ActiveFunctions, function],
        });
        for (int i = 0; i < body.Outputs.Count && i < context.OutputCount; i++)
        {
            if (store.Get(body.Outputs[i]) is { } type) context.SetOutputType(i, type);
            context.SetOutputData(i, store.GetData(body.Outputs[i]));
        }
    }
}
