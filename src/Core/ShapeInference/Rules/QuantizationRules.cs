using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Linear quantization: the shape is the input's; the element type depends on zero points and opset.</summary>
internal static class QuantizationRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["QuantizeLinear"] = QuantizeLinear;
        rules["DequantizeLinear"] = DequantizeLinear;
        rules["DynamicQuantizeLinear"] = DynamicQuantizeLinear;
    }

    /// <summary>The zero point's type, else output_dtype (opset 21 on), else uint8.</summary>
    private static void QuantizeLinear(NodeContext context) =>
        context.SetOutput(0, context.InputShape(0),
            context.InputElementType(2) ?? RuleSupport.ElementTypeAttribute(context, "output_dtype") ?? DataType.UInt8);

    /// <summary>float before opset 19; then the scale's type, unless output_dtype (opset 23 on) says otherwise.</summary>
    private static void DequantizeLinear(NodeContext context)
    {
        var elementType = context.Opset < 19 ? DataType.Float
            : RuleSupport.ElementTypeAttribute(context, "output_dtype") ?? context.InputElementType(1);
        context.SetOutput(0, context.InputShape(0), elementType);
    }

    /// <summary>y has x's shape; y_scale and y_zero_point are scalars.</summary>
    private static void DynamicQuantizeLinear(NodeContext context)
    {
        context.SetOutput(0, context.InputShape(0));
        context.SetOutput(1, Shape.Scalar);
        context.SetOutput(2, Shape.Scalar);
    }
}
