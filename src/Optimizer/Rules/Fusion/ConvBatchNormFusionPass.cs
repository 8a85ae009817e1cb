using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Folds an inference BatchNormalization into the Conv that feeds it.
/// </summary>
/// <remarks>
/// With σ = √(var + ε) in double: W' = W·γ/σ (per output channel) and B' = (B − μ)·γ/σ + β
/// (B = 0 when the Conv has none), rounded once into the weights' type. Requires the Conv's
/// output to feed only the BatchNormalization, its weights to be a constant no other node reads,
/// its bias (if any) a constant, and constant statistics (see <see cref="BatchNormFolding"/> for the mode checks).
/// Grouped and depthwise convolutions are handled alike (the first weight dim is the output channel).
/// </remarks>
public sealed class ConvBatchNormFusionPass : RewriteRulePass<ConvBatchNormFusionPass.ConvBatchNorm>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "BatchNormalization" };

    /// <summary>The matched pair.</summary>
    public sealed record ConvBatchNorm(ConvAffineFolding Conv, BatchNormFolding BatchNorm);

    /// <inheritdoc/>
    public override string Name => "fuse-conv-batchnorm";

    /// <inheritdoc/>
    public override string Description => "Fold BatchNormalization into the preceding Conv's weights and bias.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<ConvBatchNorm> Match(Node anchor, GraphContext graph)
    {
        var bn = BatchNormFolding.Read(anchor, graph);
        if (bn.Match is not { } stats) return Rule.Fail(bn.Reason!);
        var conv = ConvAffineFolding.Read(anchor.Inputs[0]!, graph);
        if (conv.Match is not { } c) return Rule.Fail(conv.Reason!);
        if (c.Channels != stats.Channels) return Rule.Fail("the Conv's output channels differ from the statistics' length");
        return new ConvBatchNorm(c, stats);
    }

    /// <inheritdoc/>
    protected override void Rewrite(ConvBatchNorm match, GraphContext graph) =>
        match.Conv.Apply(match.BatchNorm.Scale, match.BatchNorm.Shift, match.BatchNorm.Node, graph);
}
