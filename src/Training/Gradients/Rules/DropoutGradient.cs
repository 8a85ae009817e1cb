using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Dropout. In its training form (training_mode true, the Mask output present), y = x·mask/(1 − r),
/// so dx = dy·mask/(1 − r); in inference form it is the identity, dx = dy.
/// </summary>
internal sealed class DropoutGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Dropout"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        bool training = c.HasInput(2) && c.ConstantInput(2).GetRawData().Span[0] != 0;
        if (!training) return [dy];
        if (c.Node.Outputs.Count < 2 || c.Output(1).Name.Length == 0) throw c.Unsupported("a training-mode Dropout needs its Mask output");
        float ratio = c.HasInput(1) ? c.ConstantInput(1).ToArray<float>()[0] : 0.5f;
        var e = c.Emit;
        return [e.Mul(dy, e.Scale(e.Cast(c.Output(1), DataType.Float), 1f / (1f - ratio)))];
    }
}
