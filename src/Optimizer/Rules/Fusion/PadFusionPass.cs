using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Optimizer.Rules.Cleanup;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Folds a constant-mode Pad of the spatial axes into the Conv, AveragePool or MaxPool it feeds,
/// adding its amounts to the node's own pads.
/// </summary>
/// <remarks>
/// Conv: the pad value must be 0. AveragePool: the pad value must be 0 and padded cells must count
/// (count_include_pad = 1, which is set when the pool had no pads of its own); ceil_mode must be off.
/// MaxPool: the pad value must be −∞ (what MaxPool's own padding means), ceil_mode off, the Indices
/// output unused, and each pad smaller than the kernel so that no window sees only padding.
/// Always: auto_pad NOTSET, no padding of the batch or channel axes, no negative pads (crops), and
/// a Pad whose output feeds only this node.
/// </remarks>
public sealed class PadFusionPass : RewriteRulePass<PadFusionPass.PadInto>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Conv", "AveragePool", "MaxPool" };

    /// <summary>The Pad, the node it feeds and the node's new pads.</summary>
    public sealed record PadInto(Node Pad, Node Node, long[] Pads);

    /// <inheritdoc/>
    public override string Name => "fuse-pad";

    /// <inheritdoc/>
    public override string Description => "Fold a constant Pad of the spatial axes into the following Conv or pooling node.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<PadInto> Match(Node anchor, GraphContext graph)
    {
        if (Matching.ProducedBy(anchor.Inputs.ElementAtOrDefault(0), "Pad") is not { } pad || pad.Graph != graph.Graph)
            return Rule.Fail("the input is not produced by a Pad");
        if (!Matching.HasSingleUse(anchor.Inputs[0]!, graph)) return Rule.Fail("the Pad output has other uses");
        if (pad.Attributes.GetString("mode", "constant") != "constant") return Rule.Fail("the Pad mode is not constant");
        if (anchor.Attributes.GetString("auto_pad", "NOTSET") != "NOTSET") return Rule.Fail("auto_pad is set");
        if (PadValue(pad, graph) is not double value) return Rule.Fail("the pad value is not a constant");
        if (FullPads(pad, graph) is not { } pads) return Rule.Fail("the pads (or axes) are not constant, or the rank is unknown");
        int rank = pads.Length / 2, spatial = rank - 2;
        if (spatial < 1) return Rule.Fail("the input has no spatial axes");
        if (pads.Any(p => p < 0)) return Rule.Fail("negative pads crop");
        if (pads[0] != 0 || pads[1] != 0 || pads[rank] != 0 || pads[rank + 1] != 0) return Rule.Fail("the batch or channel axis is padded");

        var own = anchor.Attributes.GetInts("pads")?.ToArray() ?? new long[2 * spatial];
        if (own.Length != 2 * spatial) return Rule.Fail("the node's pads do not match the input rank");
        var merged = new long[2 * spatial];
        for (int i = 0; i < spatial; i++)
        {
            merged[i] = own[i] + pads[2 + i];
            merged[spatial + i] = own[spatial + i] + pads[rank + 2 + i];
        }
        switch (anchor.OpType)
        {
            case "Conv":
                if (value != 0) return Rule.Fail("the pad value is not 0");
                break;
            case "AveragePool":
                if (graph.Opset < 7) return Rule.Fail("count_include_pad needs opset 7");
                if (value != 0) return Rule.Fail("the pad value is not 0");
                if (anchor.Attributes.GetInt("ceil_mode", 0) != 0) return Rule.Fail("ceil_mode is set");
                if (anchor.Attributes.GetInt("count_include_pad", 0) == 0 && own.Any(p => p != 0))
                    return Rule.Fail("the pool has its own pads that do not count toward the average");
                break;
            default:
                if (!double.IsNegativeInfinity(value)) return Rule.Fail("the pad value is not -inf");
                if (anchor.Attributes.GetInt("ceil_mode", 0) != 0) return Rule.Fail("ceil_mode is set");
                if (anchor.Outputs.Count > 1 && (anchor.Outputs[1].Uses.Count > 0 || graph.IsOutput(anchor.Outputs[1])))
                    return Rule.Fail("the Indices output is used");
                var kernel = anchor.Attributes.GetInts("kernel_shape");
                if (kernel is null || kernel.Count != spatial) return Rule.Fail("the kernel shape is unknown");
                for (int i = 0; i < spatial; i++)
                {
                    if (merged[i] >= kernel[i] || merged[spatial + i] >= kernel[i]) return Rule.Fail("a pad is not smaller than the kernel");
                }
                break;
        }
        return new PadInto(pad, anchor, merged);
    }

    /// <inheritdoc/>
    protected override void Rewrite(PadInto match, GraphContext graph)
    {
        var node = match.Node;
        var attributes = node.Attributes.Where(a => a.Name is not ("pads" or "count_include_pad")).ToList();
        attributes.Add(IrAttribute.Ints("pads", match.Pads));
        if (node.OpType == "AveragePool") attributes.Add(IrAttribute.Int("count_include_pad", 1));
        var inputs = node.Inputs.ToList();
        inputs[0] = match.Pad.Inputs[0];
        var fused = new Node("", node.OpType, inputs, node.Outputs.Select(o => new Value(o.Name.Length == 0 ? "" : graph.Model.Names.Fresh(o.Name), o.Type)),
            attributes, node.Name);
        graph.Graph.Nodes.InsertBefore(node, fused);
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            if (node.Outputs[i].Uses.Count > 0 || graph.IsOutput(node.Outputs[i])) graph.Replace(node.Outputs[i], fused.Outputs[i]);
        }
        graph.RemoveIfUnused(node, match.Pad);
    }

    private static double? PadValue(Node pad, GraphContext graph)
    {
        if (graph.Opset < 11) return pad.Attributes.GetFloat("value", 0f);
        if (pad.Inputs.ElementAtOrDefault(2) is not { } v) return 0;
        return graph.ConstantDoubles(v) is [var single] ? single : null;
    }

    /// <summary>The pads over every axis of the input, expanding opset 18's axes input.</summary>
    private static long[]? FullPads(Node pad, GraphContext graph)
    {
        var pads = NoOpRemovalPass.PadAmounts(pad, graph);
        if (pads is null || pads.Length % 2 != 0) return null;
        if (pad.Inputs.ElementAtOrDefault(3) is not { } axesValue) return pads;
        if (!graph.TryGetConstant(axesValue, out var axesTensor) || ShapeFacts.RankOf(pad.Inputs[0]) is not { } rank) return null;
        var axes = axesTensor.ToInt64Array();
        if (axes.Length * 2 != pads.Length) return null;
        var full = new long[2 * rank];
        for (int i = 0; i < axes.Length; i++)
        {
            if (Matching.NormalizeAxis(axes[i], rank) is not long axis) return null;
            full[axis] = pads[i];
            full[rank + axis] = pads[axes.Length + i];
        }
        return full;
    }
}
