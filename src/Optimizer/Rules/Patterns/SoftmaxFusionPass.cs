using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

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
public sealed class SoftmaxFusionPass : PatternRewritePass
{
    private static readonly MatchCheck SumOverOneAxis = new("one-axis",
        m => SingleAxis(m.Node("sum"), m.Graph) is null ? "the sum is not over one constant axis with keepdims" : null);

    private static readonly MatchCheck MaxOverTheSameAxis = new("same-axis",
        m => SingleAxis(m.Node("max"), m.Graph) == SingleAxis(m.Node("sum"), m.Graph) ? null : "the maximum is not over the sum's axis");

    private static readonly MatchCheck MapsToSoftmax = new("softmax-axis",
        m => Axis(m) is null ? "before opset 13 only the last axis (of a known rank) maps to Softmax" : null);

    /// <inheritdoc/>
    public override string Name => "fuse-softmax";

    /// <inheritdoc/>
    public override string Description => "Replace Exp/ReduceSum/Div softmax over one axis by Softmax.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("softmax")
        {
            Patterns = [Pattern.Of(p =>
            {
                var x = p.Var("x");
                var e = p.Exp(x - Reduce(p, "ReduceMax", x, "max"));
                return e / Reduce(p, "ReduceSum", e, "sum");
            })],
            Checks = [SumOverOneAxis, MaxOverTheSameAxis, MapsToSoftmax],
            Replacement = (b, m) => b.Softmax(m["x"], Axis(m)!.Value),
        },
        new("softmax-unguarded")
        {
            Patterns = [Pattern.Of(p =>
            {
                var e = p.Exp(p.Var("x"));
                return e / Reduce(p, "ReduceSum", e, "sum");
            })],
            Checks = [SumOverOneAxis, MapsToSoftmax],
            Replacement = (b, m) => b.Softmax(m["x"], Axis(m)!.Value),
        },
    ];

    /// <summary>A reduction of <paramref name="x"/> whose axes may come as an input (opset 13+ for ReduceSum, 18+ for ReduceMax).</summary>
    private static PatternValue Reduce(PatternBuilder p, string opType, PatternValue x, string name) =>
        p.Op(opType, [x]).Named(name).AllowingOtherInputs();

    /// <summary>The Softmax axis: the sum's, or before opset 13 the last axis when the sum reduces it.</summary>
    private static long? Axis(PatternMatch match)
    {
        long? axis = SingleAxis(match.Node("sum"), match.Graph);
        if (axis is null || match.Graph.Opset >= 13) return axis;
        return ShapeFacts.RankOf(match["x"]) is int rank && (axis == -1 || axis == rank - 1) ? rank - 1 : null;
    }

    private static long? SingleAxis(Node reduce, GraphContext graph) =>
        reduce.Attributes.GetInt("keepdims", 1) == 1 && Matching.ReduceAxes(reduce, graph) is [var axis] ? axis : null;
}
