using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>Mish (18): x·tanh(softplus(x)).</summary>
public sealed class MishExpansion : FunctionExpansionAdapter
{
    /// <inheritdoc/>
    protected override string OpType => "Mish";

    /// <inheritdoc/>
    public override int Version => 18;

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x) =>
        [b.Mul(x, b.Tanh(b.Op("Softplus", [x])))];
}
