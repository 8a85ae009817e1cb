using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Inference-mode BatchNormalization, y = γ·(x − μ)/√(σ² + ε) + β with fixed statistics (a
/// frozen layer; trained layers are rewritten to their training form, whose primitive ops
/// are differentiated instead): dx = dy·γ/√(σ² + ε), dγ = Σ dy·(x − μ)/√(σ² + ε),
/// dβ = Σ dy, sums over every axis but the channel axis 1. The statistics get no gradient.
/// </summary>
internal sealed class BatchNormalizationGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["BatchNormalization"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        if (c.NeedsGradient(3) || c.NeedsGradient(4)) throw c.Unsupported("the running mean and variance must not depend on trainable weights");
        if (c.Int("training_mode", 0) != 0) throw c.Unsupported("training_mode 1 is not supported (the training form decomposes it)");
        var e = c.Emit;
        var dy = c.RequiredOutputGradient();
        var x = c.Input(0);
        int rank = c.ShapeOf(x).Rank;
        long[] perChannel = [-1, .. Enumerable.Repeat(1L, rank - 2)];
        long[] otherAxes = [0, .. Enumerable.Range(2, rank - 2).Select(a => (long)a)];
        var invStd = e.Reshape(e.Op("Reciprocal", e.Op("Sqrt", e.Add(c.Input(4), e.Scalar(c.Float("epsilon", 1e-5f))))), perChannel);
        var result = new Value?[5];
        if (c.NeedsGradient(0)) result[0] = e.Mul(dy, e.Mul(e.Reshape(c.Input(1), perChannel), invStd));
        if (c.NeedsGradient(1))
        {
            var normalized = e.Mul(e.Sub(x, e.Reshape(c.Input(3), perChannel)), invStd);
            result[1] = e.ReduceSum(e.Mul(dy, normalized), otherAxes, keepDims: false);
        }
        if (c.NeedsGradient(2)) result[2] = e.ReduceSum(dy, otherAxes, keepDims: false);
        return result;
    }
}
