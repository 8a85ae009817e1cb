using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Folds an inference BatchNormalization into the Gemm or 2-D MatMul that feeds it, giving one Gemm.
/// </summary>
/// <remarks>
/// The normalized axis of a 2-D input is its columns, so with s = γ/σ and t = β − μ·s per column n:
/// B'[·,n] = B[·,n]·s[n] (rows of B when transB is set) and C' = β_gemm·C·s + t, after which the Gemm's
/// beta is 1. Alpha is unchanged. A missing C becomes t; a C that does not vary by column (shape [M,1],
/// [1] or a scalar) is widened. MatMul(A, W) with A of rank 2 and W a constant [K,N] becomes
/// Gemm(A, W', t). B (or W) must be a constant no other node reads and C a constant; the Gemm gets new
/// initializers, so a C that other nodes also read stays as it is for them.
/// </remarks>
public sealed class GemmBatchNormFusionPass : RewriteRulePass<GemmBatchNormFusionPass.GemmBatchNorm>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "BatchNormalization" };

    /// <summary>The producer (Gemm or MatMul) and the statistics.</summary>
    public sealed record GemmBatchNorm(Node Producer, ITensor B, ITensor? C, BatchNormFolding BatchNorm);

    /// <inheritdoc/>
    public override string Name => "fuse-gemm-batchnorm";

    /// <inheritdoc/>
    public override string Description => "Fold BatchNormalization into a preceding Gemm or 2-D MatMul (one Gemm).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<GemmBatchNorm> Match(Node anchor, GraphContext graph)
    {
        var read = BatchNormFolding.Read(anchor, graph);
        if (read.Match is not { } bn) return Rule.Fail(read.Reason!);
        var x = anchor.Inputs[0]!;
        var producer = Matching.ProducedBy(x, "Gemm") ?? Matching.ProducedBy(x, "MatMul");
        if (producer is null || producer.Graph != graph.Graph) return Rule.Fail("the input is not produced by a Gemm or MatMul of this graph");
        if (!Matching.HasSingleUse(x, graph)) return Rule.Fail("the product has other uses");
        if (producer.OpType == "MatMul" && ShapeFacts.RankOf(producer.Inputs[0]) != 2) return Rule.Fail("the MatMul's first operand is not known to be 2-D");
        if (!graph.TryGetConstant(producer.Inputs[1], out var b) || b.Dims.Count != 2 || !TensorValues.IsFusableFloat(b.DataType))
            return Rule.Fail("the weights are not a 2-D floating-point constant");
        if (!graph.IsOnlyUsedBy(producer.Inputs[1]!, producer)) return Rule.Fail("the weights are shared with other nodes");
        if (b.ByteCount > graph.Model.Pass.FoldingLimits.MaxRewrittenWeightBytes) return Rule.Fail($"the weights ({b.ByteCount} bytes) are over the rewrite limit");
        bool transB = producer.OpType == "Gemm" && producer.Attributes.GetInt("transB", 0) != 0;
        if (b.Dims[transB ? 0 : 1] != bn.Channels) return Rule.Fail("the output columns differ from the statistics' length");
        ITensor? c = null;
        if (producer.OpType == "Gemm" && producer.Inputs.ElementAtOrDefault(2) is { } cValue)
        {
            if (!graph.TryGetConstant(cValue, out c) || c.Dims.Count > 2) return Rule.Fail("C is not a constant of rank 2 or less");
            if (c.Dims.Count > 0 && c.Dims[^1] != 1 && c.Dims[^1] != bn.Channels) return Rule.Fail("C's columns do not match");
        }
        return new GemmBatchNorm(producer, b, c, bn);
    }

    /// <inheritdoc/>
    protected override void Rewrite(GemmBatchNorm match, GraphContext graph)
    {
        var (producer, bTensor, cTensor, bn) = match;
        bool transB = producer.OpType == "Gemm" && producer.Attributes.GetInt("transB", 0) != 0;
        double[] b = bTensor.ToDoubleArray();
        long columns = bn.Channels;
        for (long i = 0; i < b.Length; i++) b[i] *= bn.Scale[transB ? i / bTensor.Dims[1] : i % columns];

        double beta = producer.OpType == "Gemm" ? producer.Attributes.GetFloat("beta", 1f) : 0;
        long rows = cTensor is { Dims.Count: 2 } ? cTensor.Dims[0] : 1;
        double[] cIn = cTensor?.ToDoubleArray() ?? [0];
        long cColumns = cTensor is { Dims.Count: > 0 } ? cTensor.Dims[^1] : 1;
        var c = new double[rows * columns];
        for (long r = 0; r < rows; r++)
        {
            for (long n = 0; n < columns; n++)
                c[r * columns + n] = beta * cIn[r * cColumns + (cColumns == 1 ? 0 : n)] * bn.Scale[n] + bn.Shift[n];
        }
        long[] cDims = cTensor is { Dims.Count: 2 } ? [rows, columns] : [columns];

        var type = bTensor.DataType;
        var node = bn.Node;
        var newB = graph.AddConstant(TensorValues.FromDoubles(type, b, bTensor.Dims), producer.Inputs[1]!.Name + "_fused", node);
        var newC = graph.AddConstant(TensorValues.FromDoubles(type, c, cDims), (producer.Inputs.ElementAtOrDefault(2)?.Name ?? producer.Outputs[0].Name + "_bias") + "_fused", node);
        var attributes = producer.OpType == "Gemm"
            ? producer.Attributes.Where(a => a.Name != "beta").Append(IrAttribute.Float("beta", 1f)).ToList()
            : [];
        if (graph.Opset < 7) attributes.Add(IrAttribute.Int("broadcast", 1));
        var gemm = graph.InsertBefore(node, "Gemm", [producer.Inputs[0], newB, newC], producer.Outputs[0].Name, attributes, node.Outputs[0].Type, producer.Name);
        graph.Replace(node.Outputs[0], gemm.Outputs[0]);
        graph.RemoveIfUnused(node, producer);
    }
}
