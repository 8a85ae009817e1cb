using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Gemm, y = α·A′B′ + β·C with A′ = transA ? Aᵀ : A and B′ likewise. With dA′ = α·dy·B′ᵀ and
/// dB′ = α·A′ᵀ·dy, each written as one Gemm on the stored operands: dA = dA′ (or its
/// transpose B′·dyᵀ when transA), dB = dB′ (or dyᵀ·A′ when transB); dC = β·dy summed over
/// its broadcast axes.
/// </summary>
internal sealed class GemmGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Gemm"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        Value a = c.Input(0), b = c.Input(1);
        bool transA = c.Int("transA", 0) != 0, transB = c.Int("transB", 0) != 0;
        float alpha = c.Float("alpha", 1f), beta = c.Float("beta", 1f);
        var result = new Value?[3];
        if (c.NeedsGradient(0))
            result[0] = transA ? Gemm(c, b, dy, transB, true, alpha) : Gemm(c, dy, b, false, !transB, alpha);
        if (c.NeedsGradient(1))
            result[1] = transB ? Gemm(c, dy, a, true, transA, alpha) : Gemm(c, a, dy, !transA, false, alpha);
        if (c.NeedsGradient(2)) result[2] = c.Unbroadcast(c.Emit.Scale(dy, beta), c.Input(2));
        return result;
    }

    private static Value Gemm(GradientContext c, Value a, Value b, bool transA, bool transB, float alpha) =>
        c.Emit.Op("Gemm", [a, b], Attribute.Int("transA", transA ? 1 : 0), Attribute.Int("transB", transB ? 1 : 0), Attribute.Float("alpha", alpha));
}
