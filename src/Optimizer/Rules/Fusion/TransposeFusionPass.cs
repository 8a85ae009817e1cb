using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Removes transposes: a Transpose of a Transpose becomes one Transpose with the composed
/// permutation (or nothing, when they cancel); a 2-D transpose feeding a Gemm operand flips that
/// operand's transA/transB; a 2-D transpose feeding a 2-D MatMul turns it into a Gemm with the flag set.
/// </summary>
/// <remarks>
/// Composition: Transpose(Transpose(x, p), q) = Transpose(x, r) with r[i] = p[q[i]]. The inner
/// Transpose must feed only the outer one unless the pair cancels. Absent perms (reverse order)
/// need the rank. MatMul to Gemm needs opset 11 (optional C), known rank-2 operands and a
/// floating-point type. Transposes of constants are left to constant folding.
/// </remarks>
public sealed class TransposeFusionPass : RewriteRulePass<TransposeFusionPass.TransposeFold>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Transpose", "Gemm", "MatMul" };

    /// <summary>The node to rewrite, the transposes feeding it (by operand index) and, for a pair, the composed permutation.</summary>
    public sealed record TransposeFold(Node Node, IReadOnlyDictionary<int, Node> Transposes, long[]? Composed);

    /// <inheritdoc/>
    public override string Name => "fuse-transposes";

    /// <inheritdoc/>
    public override string Description => "Cancel or merge Transpose pairs; fold 2-D transposes into Gemm/MatMul operands.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<TransposeFold> Match(Node anchor, GraphContext graph)
    {
        if (anchor.OpType == "Transpose") return MatchPair(anchor, graph);
        var transposes = new Dictionary<int, Node>();
        for (int i = 0; i < 2; i++)
        {
            if (Matching.ProducedBy(anchor.Inputs.ElementAtOrDefault(i), "Transpose") is { } t && t.Graph == graph.Graph
                && Matching.HasSingleUse(anchor.Inputs[i]!, graph) && IsSwap(t))
                transposes[i] = t;
        }
        if (transposes.Count == 0) return Rule.Fail("no operand is a single-use 2-D transpose");
        if (anchor.OpType == "MatMul")
        {
            if (graph.Opset < 11) return Rule.Fail("Gemm without C needs opset 11");
            if (ShapeFacts.RankOf(anchor.Inputs[0]) != 2 || ShapeFacts.RankOf(anchor.Inputs[1]) != 2) return Rule.Fail("the operands are not known to be 2-D");
            var type = ShapeFacts.ElementTypeOf(anchor.Inputs[0]) ?? ShapeFacts.ElementTypeOf(anchor.Inputs[1]);
            if (type is not { } t || !TensorValues.IsFusableFloat(t) || (t == DataType.BFloat16 && graph.Opset < 13))
                return Rule.Fail("the operands are not of a floating-point type Gemm takes");
        }
        return new TransposeFold(anchor, transposes, null);
    }

    /// <inheritdoc/>
    protected override void Rewrite(TransposeFold match, GraphContext graph)
    {
        var node = match.Node;
        if (node.OpType == "Transpose")
        {
            var inner = match.Transposes[0];
            var x = inner.Inputs[0]!;
            if (match.Composed!.Select((p, i) => p == i).All(b => b)) graph.Replace(node.Outputs[0], x);
            else
            {
                var merged = graph.InsertBefore(node, "Transpose", [x], node.Outputs[0].Name, [IrAttribute.Ints("perm", match.Composed!)], node.Outputs[0].Type, node.Name);
                graph.Replace(node.Outputs[0], merged.Outputs[0]);
            }
            graph.RemoveIfUnused(node, inner);
            return;
        }
        var inputs = node.Inputs.ToList();
        var attributes = node.Attributes.ToList();
        foreach (var (index, transpose) in match.Transposes)
        {
            inputs[index] = transpose.Inputs[0];
            string flag = index == 0 ? "transA" : "transB";
            long current = node.Attributes.GetInt(flag, 0);
            attributes.RemoveAll(a => a.Name == flag);
            attributes.Add(IrAttribute.Int(flag, 1 - current));
        }
        var gemm = graph.InsertBefore(node, "Gemm", inputs, node.Outputs[0].Name, attributes, node.Outputs[0].Type, node.Name);
        graph.Replace(node.Outputs[0], gemm.Outputs[0]);
        graph.RemoveIfUnused([node, .. match.Transposes.Values]);
    }

    private static RuleCheck<TransposeFold> MatchPair(Node outer, GraphContext graph)
    {
        if (Matching.ProducedBy(outer.Inputs.ElementAtOrDefault(0), "Transpose") is not { } inner || inner.Graph != graph.Graph)
            return Rule.Fail("the input is not produced by a Transpose");
        var x = inner.Inputs[0]!;
        int? rank = ShapeFacts.RankOf(x);
        if (Permutation(inner, rank) is not { } p || Permutation(outer, p.Length) is not { } q || p.Length != q.Length)
            return Rule.Fail("a permutation is implicit and the rank is unknown");
        long[] composed = q.Select(i => p[i]).ToArray();
        bool cancels = composed.Select((v, i) => v == i).All(b => b);
        if (cancels && !graph.CanReplaceWithoutCopy(outer.Outputs[0], x)) return Rule.Fail("the pair cancels but its output is a graph output fed by an input");
        if (!cancels && !Matching.HasSingleUse(inner.Outputs[0], graph)) return Rule.Fail("the inner Transpose has other uses");
        return new TransposeFold(outer, new Dictionary<int, Node> { [0] = inner }, composed);
    }

    private static long[]? Permutation(Node transpose, int? rank)
    {
        if (transpose.Attributes.GetInts("perm") is { } perm) return perm.ToArray();
        return rank is int r ? Enumerable.Range(0, r).Select(i => (long)(r - 1 - i)).ToArray() : null;
    }

    private static bool IsSwap(Node transpose) =>
        Permutation(transpose, ShapeFacts.RankOf(transpose.Inputs[0])) is [1, 0];
}
