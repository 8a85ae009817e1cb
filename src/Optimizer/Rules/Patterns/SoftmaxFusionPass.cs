using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces softmax written out as <c>e = Exp(x − ReduceMax(x)); e / ReduceSum(e)</c> (or without the
/// max subtraction) over one axis by Softmax(x, axis).
/// </summary>
/// <remarks>
/// The reductions must keep dims and reduce the same single constant axis. Before opset 13 Softmax
/// flattens to 2-D, so it only matches when the axis is the last one (the rank must be known).
/// Softmax subtracts the maximum itself, so the unguarded form gains range (no overflow for large
/// inputs). Every intermediate must feed only the pattern.
/// </remarks>
public sealed class SoftmaxFusionPass : RewriteRulePass<SoftmaxFusionPass.SoftmaxMatch>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Div" };

    /// <summary>The matched nodes, the input and the axis.</summary>
    public sealed record SoftmaxMatch(Node Root, IReadOnlyList<Node> Nodes, Value X, long Axis);

    /// <inheritdoc/>
    public override string Name => "fuse-softmax";

    /// <inheritdoc/>
    public override string Description => "Replace Exp/ReduceSum/Div softmax over one axis by Softmax.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<SoftmaxMatch> Match(Node anchor, GraphContext graph)
    {
        var e = anchor.Inputs[0]!;
        if (Matching.ProducedBy(e, "Exp") is not { } exp) return Rule.Fail("the numerator is not Exp");
        if (Matching.ProducedBy(anchor.Inputs[1], "ReduceSum") is not { } sum || !ReferenceEquals(sum.Inputs[0], e))
            return Rule.Fail("the denominator is not ReduceSum of the numerator");
        if (graph.IsOutput(e) || e.Uses.Count != 2 || e.Uses.Any(u => u.Node != sum && u.Node != anchor)) return Rule.Fail("Exp's result is used elsewhere");
        if (!Matching.HasSingleUse(sum.Outputs[0], graph)) return Rule.Fail("the sum is used elsewhere");
        if (SingleAxis(sum, graph) is not long axis) return Rule.Fail("the sum is not over one constant axis with keepdims");
        var nodes = new List<Node> { anchor, sum, exp };
        var x = exp.Inputs[0]!;
        if (Matching.ProducedBy(x, "Sub") is { } sub && Matching.ProducedBy(sub.Inputs[1], "ReduceMax") is { } max
            && ReferenceEquals(max.Inputs[0], sub.Inputs[0]) && SingleAxis(max, graph) == axis
            && Matching.HasSingleUse(x, graph) && Matching.HasSingleUse(max.Outputs[0], graph))
        {
            nodes.AddRange([sub, max]);
            x = sub.Inputs[0]!;
        }
        int? rank = ShapeFacts.RankOf(x);
        if (graph.Opset < 13)
        {
            if (rank is not int r || (axis != -1 && axis != r - 1)) return Rule.Fail("before opset 13 only the last axis (of a known rank) maps to Softmax");
            axis = r - 1;
        }
        return new SoftmaxMatch(anchor, nodes, x, axis);
    }

    /// <inheritdoc/>
    protected override void Rewrite(SoftmaxMatch match, GraphContext graph)
    {
        var root = match.Root;
        var softmax = graph.InsertBefore(root, "Softmax", [match.X], root.Outputs[0].Name, [IrAttribute.Int("axis", match.Axis)], root.Outputs[0].Type, root.Name);
        graph.Replace(root.Outputs[0], softmax.Outputs[0]);
        graph.RemoveIfUnused([.. match.Nodes]);
    }

    private static long? SingleAxis(Node reduce, GraphContext graph) =>
        reduce.Attributes.GetInt("keepdims", 1) == 1 && Matching.ReduceAxes(reduce, graph) is [var axis] ? axis : null;
}
