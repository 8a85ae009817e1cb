using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// MatMul of operands of rank 2 or more (NumPy semantics, batch axes broadcast):
/// dA = dy·Bᵀ and dB = Aᵀ·dy with the last two axes transposed, each summed over the batch
/// axes along which its operand was broadcast (a Dense kernel applied to a 3-D input sums
/// over the leading axes). One-dimensional operands are not supported.
/// </summary>
internal sealed class MatMulGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MatMul"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        Value a = c.Input(0), b = c.Input(1);
        int rankA = c.ShapeOf(a).Rank, rankB = c.ShapeOf(b).Rank;
        if (rankA < 2 || rankB < 2) throw c.Unsupported("one-dimensional operands are not supported");
        var e = c.Emit;
        var result = new Value?[2];
        if (c.NeedsGradient(0)) result[0] = c.Unbroadcast(e.Op("MatMul", dy, SwapLastAxes(c, b, rankB)), a, BatchedShape(c, a));
        if (c.NeedsGradient(1)) result[1] = c.Unbroadcast(e.Op("MatMul", SwapLastAxes(c, a, rankA), dy), b, BatchedShape(c, b));
        return result;
    }

    /// <summary>The shape of an operand's gradient before reduction: the output's batch axes, then the operand's matrix axes.</summary>
    private static Shape BatchedShape(GradientContext c, Value operand)
    {
        var output = c.ShapeOf(c.Output());
        var own = c.ShapeOf(operand);
        return new Shape([.. output.Take(output.Rank - 2), own[^2], own[^1]]);
    }

    private static Value SwapLastAxes(GradientContext c, Value x, int rank)
    {
        var perm = Enumerable.Range(0, rank).Select(i => (long)i).ToArray();
        (perm[^1], perm[^2]) = (perm[^2], perm[^1]);
        return c.Emit.Transpose(x, perm);
    }
}
