using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Conversion.Adapters;

/// <summary>CastLike (15) below its opset: Cast to the element type of the second input, which must be known.</summary>
public sealed class CastLikeExpansion : FunctionExpansionAdapter
{
    /// <inheritdoc/>
    protected override string OpType => "CastLike";

    /// <inheritdoc/>
    public override int Version => 15;

    /// <inheritdoc/>
    protected override Value?[] Expand(AdapterContext context, ConversionBuilder b, Value x)
    {
        var to = context.RequireElementType(context.Node.Inputs[1]);
        return [b.Op("Cast", [x], IrAttribute.Int("to", (long)to))];
    }
}
