using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Optimizer.Rules.Patterns;
using OnnxKit.ShapeInference;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>
/// After a conversion up, replaces the subgraphs that spell out an operator introduced on the way (as
/// exporters write them, and as <c>convert</c> itself expands the operator going down) by that operator,
/// with the optimizer's exact fusion passes: Gelu (20), LayerNormalization (17), HardSwish (14), Mish (18).
/// Only operators whose opset lies above the source and at or below the target are fused; a model that
/// already imported the operator's opset is left as its author wrote it.
/// </summary>
public static class NativeOpFusion
{
    /// <summary>Each fusion, with the operator it creates and the opset that introduced that operator.</summary>
    private static readonly (string OpType, int Since, Func<PatternRewritePass> Create)[] Fusions =
    [
        ("HardSwish", 14, () => new HardSwishFusionPass()),
        ("LayerNormalization", 17, () => new LayerNormFusionPass()),
        ("Mish", 18, () => new MishFusionPass()),
        ("Gelu", 20, () => new GeluFusionPass()),
    ];

    /// <summary>
    /// Fuses, in place, the subgraphs of <paramref name="model"/> (which already imports <paramref name="target"/>)
    /// whose native operator appeared after <paramref name="source"/>; returns what was fused.
    /// </summary>
    public static IReadOnlyList<FusedOp> Apply(Model model, long source, long target)
    {
        var fused = new List<FusedOp>();
        var context = new PassContext();
        var constants = ReadConstants(model);
        bool typed = false;
        foreach (var (opType, since, create) in Fusions)
        {
            if (since <= source || since > target) continue;
            if (!typed) typed = InferTypes(model);
            int before = Count(model, opType);
            var pass = create();
            pass.Run(model, context);
            int added = Count(model, opType) - before;
            if (added > 0) fused.Add(new FusedOp(opType, pass.Name, added));
        }
        if (fused.Count > 0) RemoveUnread(constants);
        return fused;
    }

    /// <summary>Types the values the conversion created (the fusions check element types and ranks); a best effort, as in <see cref="TypeFacts"/>.</summary>
    private static bool InferTypes(Model model)
    {
        try
        {
            ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        }
        catch (OnnxKitException)
        {
            // What inference typed before it stopped is still used; a fusion that needs the rest declines.
        }
        return true;
    }

    /// <summary>The initializers and Constant nodes something reads before the fusions.</summary>
    private static List<(Graph Graph, Value Value)> ReadConstants(Model model) =>
        [.. model.AllGraphs().SelectMany(g => g.Initializers.Concat(g.Nodes.Where(n => n.OpType == "Constant" && n.IsDefaultDomain).SelectMany(n => n.Outputs))
            .Where(v => v.Uses.Count > 0).Select(v => (g, v)))];

    /// <summary>
    /// Removes those of <paramref name="constants"/> that only the fused subgraphs read (their ε, ½, axes):
    /// initializers (with their graph-input listing, which IR versions before 4 required) and Constant nodes.
    /// </summary>
    private static void RemoveUnread(List<(Graph Graph, Value Value)> constants)
    {
        foreach (var (graph, value) in constants)
        {
            if (value.Uses.Count > 0 || value.IsGraphOutput) continue;
            if (value.IsInitializer)
            {
                graph.Initializers.Remove(value);
                graph.Inputs.Remove(value);
            }
            else if (value.Producer is { } constant)
            {
                graph.Nodes.Remove(constant);
            }
        }
    }

    private static int Count(Model model, string opType) =>
        model.AllGraphs().SelectMany(g => g.Nodes).Count(n => n.IsDefaultDomain && n.OpType == opType);
}
