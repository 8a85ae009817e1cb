using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Rewrites Add(MatMul(A, B), C) as Gemm(A, B, C) when A and B are 2-D and C broadcasts
/// one-way to the [M, N] product (a scalar, [N], [1, N], [M, 1] or [M, N]).
/// </summary>
/// <remarks>
/// Needs opset 7 or later (Gemm's one-way broadcast of C), floating-point operands, known ranks,
/// and a MatMul whose product feeds only the Add. C need not be constant.
/// </remarks>
public sealed class MatMulAddFusionPass : RewriteRulePass<MatMulAddFusionPass.MatMulAdd>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Add" };

    /// <summary>The MatMul, the Add and the bias.</summary>
    public sealed record MatMulAdd(Node MatMul, Node Add, Value Bias);

    /// <inheritdoc/>
    public override string Name => "fuse-matmul-add";

    /// <inheritdoc/>
    public override string Description => "Rewrite MatMul followed by a bias Add (2-D operands) as Gemm.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<MatMulAdd> Match(Node anchor, GraphContext graph)
    {
        if (graph.Opset < 7) return Rule.Fail("Gemm broadcasts C one way only from opset 7");
        if (anchor.Inputs.Count != 2) return Rule.Fail("not two inputs");
        for (int side = 0; side < 2; side++)
        {
            if (Matching.ProducedBy(anchor.Inputs[side], "MatMul") is not { } matmul || matmul.Graph != graph.Graph) continue;
            if (!Matching.HasSingleUse(anchor.Inputs[side]!, graph)) return Rule.Fail("the product has other uses");
            var a = ShapeFacts.ShapeOf(matmul.Inputs[0]);
            var b = ShapeFacts.ShapeOf(matmul.Inputs[1]);
            if (a?.Rank != 2 || b?.Rank != 2) return Rule.Fail("the MatMul operands are not known to be 2-D");
            var type = ShapeFacts.ElementTypeOf(matmul.Inputs[0]) ?? ShapeFacts.ElementTypeOf(matmul.Inputs[1]);
            if (type is not { } t || !TensorValues.IsFusableFloat(t) || (t == DataType.BFloat16 && graph.Opset < 13))
                return Rule.Fail("the operands are not of a floating-point type Gemm takes");
            var bias = anchor.Inputs[1 - side]!;
            if (ShapeFacts.ShapeOf(bias) is not { } c) return Rule.Fail("the bias shape is unknown");
            if (!BroadcastsOneWay(c, a[0], b[1])) return Rule.Fail("the bias does not broadcast one way to the product");
            return new MatMulAdd(matmul, anchor, bias);
        }
        return Rule.Fail("no operand is produced by a MatMul");
    }

    /// <inheritdoc/>
    protected override void Rewrite(MatMulAdd match, GraphContext graph)
    {
        var gemm = graph.InsertBefore(match.Add, "Gemm", [match.MatMul.Inputs[0], match.MatMul.Inputs[1], match.Bias],
            match.Add.Outputs[0].Name, outputType: match.Add.Outputs[0].Type, nodeName: match.MatMul.Name);
        graph.Replace(match.Add.Outputs[0], gemm.Outputs[0]);
        graph.RemoveIfUnused(match.Add, match.MatMul);
    }

    private static bool BroadcastsOneWay(Shape c, Dim m, Dim n)
    {
        if (c.Rank > 2) return false;
        Dim[] target = [m, n];
        for (int i = 1; i <= c.Rank; i++)
        {
            if (c[^i].Value == 1) continue;
            if (!ReshapeTargets.SameDim(c[^i], target[^i])) return false;
        }
        return true;
    }
}
