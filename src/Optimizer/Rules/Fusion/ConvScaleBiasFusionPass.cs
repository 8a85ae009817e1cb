using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Folds a Mul or Add by a per-channel constant that follows a Conv into the Conv's weights and bias.
/// </summary>
/// <remarks>
/// Mul by c: W'[m,…] = W[m,…]·c[m], B'[m] = B[m]·c[m]. Add of c: B'[m] = B[m] + c[m]. The constant may be a
/// scalar or any shape that, aligned right against the Conv output [N, M, spatial…], is 1 everywhere but
/// the channel axis (M or 1) and no longer than the output's rank, so the result's shape is the Conv's.
/// The Conv's output must feed only this node; its weights must be a constant no other node reads.
/// </remarks>
public sealed class ConvScaleBiasFusionPass : RewriteRulePass<ConvScaleBiasFusionPass.ConvScaleBias>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Mul", "Add" };

    /// <summary>The Conv, the node to fold, and the per-channel constant.</summary>
    public sealed record ConvScaleBias(ConvAffineFolding Conv, Node Node, double[] PerChannel);

    /// <inheritdoc/>
    public override string Name => "fuse-conv-scale-bias";

    /// <inheritdoc/>
    public override string Description => "Fold a per-channel constant Mul or Add after a Conv into its weights and bias.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<ConvScaleBias> Match(Node anchor, GraphContext graph)
    {
        if (anchor.Inputs.Count != 2) return Rule.Fail("not two inputs");
        if (graph.Opset < 7 && anchor.Attributes.GetInt("broadcast", 0) != 0) return Rule.Fail("legacy broadcast attribute");
        string? reason = null;
        for (int side = 0; side < 2; side++)
        {
            if (Matching.ProducedBy(anchor.Inputs[side], "Conv") is null) continue;
            var conv = ConvAffineFolding.Read(anchor.Inputs[side]!, graph);
            if (conv.Match is not { } c)
            {
                reason = conv.Reason;
                continue;
            }
            if (!graph.TryGetConstant(anchor.Inputs[1 - side], out var constant)) return Rule.Fail("the other operand is not a constant");
            if (constant.DataType != c.Weights.DataType) return Rule.Fail("the constant's type differs from the weights'");
            if (PerChannel(constant, c.Channels, c.Weights.Dims.Count) is not { } values)
                return Rule.Fail("the constant is not per-channel over the Conv output");
            return new ConvScaleBias(c, anchor, values);
        }
        return Rule.Fail(reason ?? "no operand is produced by a Conv");
    }

    /// <inheritdoc/>
    protected override void Rewrite(ConvScaleBias match, GraphContext graph)
    {
        if (match.Node.OpType == "Mul") match.Conv.Apply(match.PerChannel, new double[match.PerChannel.Length], match.Node, graph);
        else match.Conv.Apply(null, match.PerChannel, match.Node, graph);
    }

    /// <summary>The constant expanded to one value per channel, or null when it varies along any other axis.</summary>
    private static double[]? PerChannel(ITensor constant, long channels, int outputRank)
    {
        var dims = constant.Dims;
        if (dims.Count > outputRank) return null;
        int channelFromRight = outputRank - 1; // the channel axis (1), counted from the right
        for (int i = 1; i <= dims.Count; i++)
        {
            if (dims[^i] == 1) continue;
            if (i != channelFromRight || dims[^i] != channels) return null;
        }
        double[] values = constant.ToDoubleArray();
        return values.Length == channels ? values : Enumerable.Repeat(values[0], (int)channels).ToArray();
    }
}
