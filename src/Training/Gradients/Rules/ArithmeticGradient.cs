using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Add, Sub, Mul and Div with multidirectional broadcasting. For y = a ∘ b and upstream dy:
/// Add: da = dy, db = dy; Sub: da = dy, db = −dy; Mul: da = dy·b, db = dy·a;
/// Div: da = dy / b, db = −dy·y / b. Each is then summed over the axes along which its input
/// was broadcast.
/// </summary>
internal sealed class ArithmeticGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Add", "Sub", "Mul", "Div"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        Value a = c.Input(0), b = c.Input(1);
        var e = c.Emit;
        Value? da = null, db = null;
        switch (c.Node.OpType)
        {
            case "Add":
                if (c.NeedsGradient(0)) da = dy;
                if (c.NeedsGradient(1)) db = dy;
                break;
            case "Sub":
                if (c.NeedsGradient(0)) da = dy;
                if (c.NeedsGradient(1)) db = e.Neg(dy);
                break;
            case "Mul":
                if (c.NeedsGradient(0)) da = e.Mul(dy, b);
                if (c.NeedsGradient(1)) db = e.Mul(dy, a);
                break;
            default:
                if (c.NeedsGradient(0)) da = e.Div(dy, b);
                if (c.NeedsGradient(1)) db = e.Neg(e.Div(e.Mul(dy, c.Output()), b));
                break;
        }
        return [da is null ? null : c.Unbroadcast(da, a), db is null ? null : c.Unbroadcast(db, b)];
    }
}
