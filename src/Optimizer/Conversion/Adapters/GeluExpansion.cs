using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>Gelu (20): ½·x·(1 + erf(x/√2)), or with <c>approximate = "tanh"</c> ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).</summary>
public sealed class GeluExpansion : FunctionExpansionAdapter
{
    /// <inheritdoc/>
    protected override string OpType => "Gelu";

    /// <inheritdoc/>
    public override int Version => 20;

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x)
    {
        var type = context.RequireElementType(x);
        Value inner = context.Node.Attributes.GetString("approximate", "none") == "tanh"
            ? b.Tanh(b.Mul(b.Scalar(type, Math.Sqrt(2 / Math.PI)), b.Add(x, b.Mul(b.Scalar(type, 0.044715), b.Mul(x, b.Mul(x, x))))))
            : b.Erf(b.Div(x, b.Scalar(type, Math.Sqrt(2))));
        return [b.Mul(b.Mul(b.Scalar(type, 0.5), x), b.Add(b.Scalar(type, 1), inner))];
    }
}
