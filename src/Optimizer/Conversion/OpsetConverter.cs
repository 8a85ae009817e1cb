using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Schemas;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// Converts a model to another ai.onnx opset, up or down. Every ai.onnx node (main graph, subgraphs,
/// model-local functions) is carried one operator change at a time from the opset it was written for to
/// the target: at each opset where its operator's schema changed, the <see cref="VersionAdapter"/> for that
/// change rewrites it (or <see cref="SchemaDiffAdapter"/> when the schemas alone decide), and the nodes an
/// adapter creates are carried on the same way. A node with no exact equivalent stops the conversion with
/// a <see cref="ConversionException"/> naming it, its operator and both opsets. Names, metadata, external
/// data, custom-domain nodes and everything else are kept; the IR version is raised to what the target
/// opset needs. Going up, the spelled-out forms of operators introduced on the way are fused into those
/// operators unless <see cref="ConvertOptions.FuseNativeOps"/> is off (<see cref="NativeOpFusion"/>).
/// </summary>
public static class OpsetConverter
{
    /// <summary>
    /// The oldest opset OnnxKit converts to: 7, where NumPy broadcasting replaced the legacy broadcast
    /// attributes and the oldest opset ONNX Runtime runs (<see cref="OpsetSupport.MinOpset"/>).
    /// </summary>
    public const int MinTargetOpset = OpsetSupport.MinOpset;

    /// <summary>The newest opset OnnxKit converts to (<see cref="OpsetSupport.MaxOpset"/>).</summary>
    public const int MaxTargetOpset = OpsetSupport.MaxOpset;

    /// <summary>Converts a copy of <paramref name="model"/>; the model itself is left alone.</summary>
    /// <exception cref="OnnxKitException">The target is out of range, the model imports no ai.onnx opset, or the IR version asked for cannot hold it.</exception>
    /// <exception cref="ConversionException">A node has no equivalent at the target opset.</exception>
    public static ConversionResult Convert(Model model, ConvertOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        int target = options.TargetOpset;
        if (target is < MinTargetOpset or > MaxTargetOpset)
            throw new OnnxKitException($"Opset {target} is not a conversion target: OnnxKit converts to ai.onnx opsets {MinTargetOpset} to {MaxTargetOpset}.");
        long source = model.OpsetVersion("") ?? throw new OnnxKitException("The model imports no ai.onnx opset, so there is nothing to convert.");
        long irVersion = TargetIrVersion(model, options);

        var converted = model.Clone();
        var facts = TypeFacts.Of(model);
        var steps = new List<ConversionStep>();
        var notes = new List<string>();
        var context = new ModelContext(converted, new PassContext(), "convert");
        foreach (var graph in context.Graphs().ToList())
        {
            foreach (var node in graph.Graph.Nodes.ToList())
            {
                if (node.IsDefaultDomain) ConvertNode(graph, node, graph.Opset, target, facts, options, steps, notes);
            }
        }

        foreach (string domain in converted.AllGraphs().SelectMany(g => g.Nodes).Where(n => !n.IsDefaultDomain).Select(n => n.Domain).Distinct().Order(StringComparer.Ordinal))
            notes.Add($"nodes of domain '{domain}' are kept as they are (only ai.onnx is converted)");
        SetDefaultOpset(converted.OpsetImports, target);
        foreach (var function in converted.Functions) SetDefaultOpset(function.OpsetImports, target);
        converted.IrVersion = irVersion;
        var fused = options.FuseNativeOps && target > source ? NativeOpFusion.Apply(converted, source, target) : [];
        if (irVersion < 4) ListInitializersAsInputs(converted.Graph);
        return new ConversionResult(converted, source, target, model.IrVersion, irVersion, steps, notes, fused);
    }

    private static void ConvertNode(GraphContext graph, Node start, long opset, int target, TypeFacts facts, ConvertOptions options,
        List<ConversionStep> steps, List<string> notes)
    {
        var registry = OpSchemaRegistry.Default;
        var work = new Queue<(Node Node, long Opset)>();
        work.Enqueue((start, opset));
        while (work.TryDequeue(out var item))
        {
            var (node, at) = item;
            if (node.Graph is null || !node.IsDefaultDomain || at == target) continue;
            var versions = registry.Versions("", node.OpType);
            if (versions.Count == 0)
                throw new ConversionException(AdapterContext.Label(node), node.OpType, at, target, $"ai.onnx has no operator {node.OpType}");
            int boundary;
            ConversionDirection direction;
            if (at < target)
            {
                direction = ConversionDirection.Up;
                var next = versions.FirstOrDefault(s => s.SinceVersion > at && s.SinceVersion <= target);
                if (next is null) continue;
                boundary = next.SinceVersion;
            }
            else
            {
                direction = ConversionDirection.Down;
                var governing = versions.LastOrDefault(s => s.SinceVersion <= at)
                    ?? throw new ConversionException(AdapterContext.Label(node), node.OpType, at, target, $"{node.OpType} does not exist at opset {at} (it first appears in opset {versions[0].SinceVersion})");
                if (governing.SinceVersion <= target) continue;
                boundary = governing.SinceVersion;
            }

            var step = new AdapterContext(graph, node, direction, boundary, at, registry.Find("", node.OpType, boundary - 1),
                versions.First(s => s.SinceVersion == boundary), facts, options);
            string opType = node.OpType;
            if (AdapterRegistry.Find(opType, boundary) is { } adapter)
            {
                if (direction == ConversionDirection.Up) adapter.Up(step);
                else adapter.Down(step);
                if (node.Graph is not null && registry.Find("", node.OpType, (int)step.ToOpset) is { } schema) SchemaDiffAdapter.CheckTypes(step, node, schema);
                step.Change ??= adapter.Description;
            }
            else
            {
                SchemaDiffAdapter.Apply(step);
            }
            if (step.Change is not null) steps.Add(new ConversionStep(step.NodeLabel, opType, at, step.ToOpset, step.Change));
            notes.AddRange(step.Notes);
            if (node.Graph is not null) work.Enqueue((node, step.ToOpset));
            foreach (var created in step.CreatedNodes)
            {
                if (created.Graph is not null && created.IsDefaultDomain && created.OpType != "Constant") work.Enqueue((created, step.ToOpset));
            }
        }
    }

    private static long TargetIrVersion(Model model, ConvertOptions options)
    {
        long needed = OpsetSupport.MinIrVersionForOpset(options.TargetOpset);
        if (options.IrVersion is not { } asked) return Math.Max(model.IrVersion, needed);
        if (asked < needed || asked > OpsetSupport.MaxIrVersion)
            throw new OnnxKitException($"IR version {asked} cannot hold opset {options.TargetOpset}: use {needed} to {OpsetSupport.MaxIrVersion}.");
        if (asked < 8 && model.Functions.Count > 0)
            throw new OnnxKitException($"IR version {asked} cannot hold the model's {model.Functions.Count} local function(s): they need IR version 8 or later.");
        return asked;
    }

    private static void SetDefaultOpset(List<OpsetImport> imports, int target)
    {
        int index = imports.FindIndex(i => i.IsDefaultDomain);
        if (index >= 0) imports[index] = imports[index] with { Version = target };
    }

    /// <summary>Before IR version 4 every initializer of the main graph must also be a graph input.</summary>
    private static void ListInitializersAsInputs(Graph graph)
    {
        foreach (var initializer in graph.Initializers.ToList())
        {
            if (!initializer.IsGraphInput) graph.Inputs.Add(initializer);
        }
    }
}
