using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Rewrites an inference BatchNormalization that no fusion absorbed into Mul and Add by constants:
/// y = x·s + t with s = γ/√(var + ε) and t = β − μ·s, shaped [C, 1, …] to broadcast along axis 1.
/// Runs after the Conv and Gemm fusions; a following Conv fusion may then absorb the pair.
/// </summary>
/// <remarks>Needs the input's rank; the constants take the input's element type.</remarks>
public sealed class BatchNormDecompositionPass : RewriteRulePass<BatchNormDecompositionPass.Decomposition>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "BatchNormalization" };

    /// <summary>The statistics, the input's rank and element type.</summary>
    public sealed record Decomposition(BatchNormFolding BatchNorm, int Rank, DataType Type);

    /// <inheritdoc/>
    public override string Name => "decompose-batchnorm";

    /// <inheritdoc/>
    public override string Description => "Turn a BatchNormalization that no fusion absorbed into Mul and Add by constants.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<Decomposition> Match(Node anchor, GraphContext graph)
    {
        var read = BatchNormFolding.Read(anchor, graph);
        if (read.Match is not { } bn) return Rule.Fail(read.Reason!);
        var x = anchor.Inputs[0]!;
        if (ShapeFacts.RankOf(x) is not { } rank || rank < 2) return Rule.Fail("the input's rank is unknown");
        if (ShapeFacts.ElementTypeOf(x) is not { } type || !TensorValues.IsFusableFloat(type)) return Rule.Fail("the input's type is unknown or not floating point");
        if (ShapeFacts.ShapeOf(x)![1].Value is long c && c != bn.Channels) return Rule.Fail("the channel dim differs from the statistics' length");
        return new Decomposition(bn, rank, type);
    }

    /// <inheritdoc/>
    protected override void Rewrite(Decomposition match, GraphContext graph)
    {
        var node = match.BatchNorm.Node;
        long[] dims = [match.BatchNorm.Channels, .. Enumerable.Repeat(1L, match.Rank - 2)];
        var scale = graph.AddConstant(TensorValues.FromDoubles(match.Type, match.BatchNorm.Scale, dims), node.Inputs[1]!.Name + "_scale", node);
        var shift = graph.AddConstant(TensorValues.FromDoubles(match.Type, match.BatchNorm.Shift, dims), node.Inputs[2]!.Name + "_shift", node);
        var type = node.Outputs[0].Type;
        var mul = graph.InsertBefore(node, "Mul", [node.Inputs[0], scale], node.Outputs[0].Name + "_scaled", outputType: type);
        var add = graph.InsertBefore(node, "Add", [mul.Outputs[0], shift], node.Outputs[0].Name + "_shifted", outputType: type, nodeName: node.Name);
        graph.Replace(node.Outputs[0], add.Outputs[0]);
        graph.RemoveIfUnused(node);
    }
}
