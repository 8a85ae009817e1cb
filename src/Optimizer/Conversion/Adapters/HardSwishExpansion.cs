using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>HardSwish (14): x·HardSigmoid(x) with α = 1/6 and β = ½.</summary>
public sealed class HardSwishExpansion : FunctionExpansionAdapter
{
    /// <inheritdoc/>
    protected override string OpType => "HardSwish";

    /// <inheritdoc/>
    public override int Version => 14;

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x) =>
        [b.Mul(x, b.Op("HardSigmoid", [x], IrAttribute.Float("alpha", 1f / 6), IrAttribute.Float("beta", 0.5f)))];
}
