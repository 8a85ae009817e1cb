using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>Celu (12): max(0, x) + min(0, α·(exp(x/α) − 1)), α from the node (default 1).</summary>
public sealed class CeluExpansion : FunctionExpansionAdapter
{
    /// <inheritdoc/>
    protected override string OpType => "Celu";

    /// <inheritdoc/>
    public override int Version => 12;

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x)
    {
        var type = context.RequireElementType(x);
        double alpha = context.Node.Attributes.GetFloat("alpha", 1f);
        var zero = b.Scalar(type, 0);
        var alphaValue = b.Scalar(type, alpha);
        var negative = b.Mul(alphaValue, b.Sub(b.Exp(b.Div(x, alphaValue)), b.Scalar(type, 1)));
        return [b.Add(b.Max(zero, x), b.Min(zero, negative))];
    }
}
