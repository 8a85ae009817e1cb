using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Elementwise functions y = f(x), dx = dy · f′(x), with f′ written from x or, where cheaper,
/// from y: Relu (1 where x &gt; 0), LeakyRelu (1 or alpha), Sigmoid (y(1 − y)), Tanh (1 − y²),
/// Neg (−1), Exp (y), Log (1/x), Sqrt (1/(2y)), Reciprocal (−y²), Abs (sign x), Softplus
/// (sigmoid x), and Identity (1). At a kink (x = 0) the derivative is taken as PyTorch does:
/// 0 for Relu and Abs.
/// </summary>
internal sealed class PointwiseGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } =
        ["Relu", "LeakyRelu", "Sigmoid", "Tanh", "Neg", "Exp", "Log", "Sqrt", "Reciprocal", "Abs", "Softplus", "Identity"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        Value x = c.Input(0), y = c.Output();
        var e = c.Emit;
        var dx = c.Node.OpType switch
        {
            "Relu" => e.Where(e.Op("Greater", x, e.Scalar(0f)), dy, e.Scalar(0f)),
            "LeakyRelu" => e.Where(e.Op("Greater", x, e.Scalar(0f)), dy, e.Scale(dy, c.Float("alpha", 0.01f))),
            "Sigmoid" => e.Mul(dy, e.Mul(y, e.Sub(e.Scalar(1f), y))),
            "Tanh" => e.Mul(dy, e.Sub(e.Scalar(1f), e.Mul(y, y))),
            "Neg" => e.Neg(dy),
            "Exp" => e.Mul(dy, y),
            "Log" => e.Div(dy, x),
            "Sqrt" => e.Div(dy, e.Scale(y, 2f)),
            "Reciprocal" => e.Neg(e.Mul(dy, e.Mul(y, y))),
            "Abs" => e.Mul(dy, e.Op("Sign", x)),
            "Softplus" => e.Mul(dy, e.Op("Sigmoid", x)),
            _ => dy,
        };
        return [dx];
    }
}
