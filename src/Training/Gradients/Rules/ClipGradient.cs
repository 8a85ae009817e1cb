using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Clip (ReLU6 and bounded activations): dx = dy where min ≤ x ≤ max, else 0, as PyTorch's
/// clamp does. The bounds (inputs 1 and 2 from opset 11) get no gradient.
/// </summary>
internal sealed class ClipGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Clip"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        if (c.NeedsGradient(1) || c.NeedsGradient(2)) throw c.Unsupported("the bounds must not depend on trainable weights");
        var e = c.Emit;
        var x = c.Input(0);
        var pass = e.Op("Equal", x, c.Output());
        return [e.Where(pass, c.RequiredOutputGradient(), e.Scalar(0f))];
    }
}
