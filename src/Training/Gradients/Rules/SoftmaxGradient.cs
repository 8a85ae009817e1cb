using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Softmax and LogSoftmax over one axis (their opset-13 meaning; training graphs are built at
/// a newer opset). Softmax: dx = y · (dy − Σ_axis dy·y). LogSoftmax: dx = dy − exp(y) · Σ_axis dy.
/// </summary>
internal sealed class SoftmaxGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Softmax", "LogSoftmax"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        var y = c.Output();
        var e = c.Emit;
        long[] axis = [c.Int("axis", -1)];
        if (c.Node.OpType == "Softmax")
            return [e.Mul(y, e.Sub(dy, e.ReduceSum(e.Mul(dy, y), axis, keepDims: true)))];
        return [e.Sub(dy, e.Mul(e.Op("Exp", y), e.ReduceSum(dy, axis, keepDims: true)))];
    }
}
