using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Exporter.Lowering;

public sealed partial class OnnxGraphBuilder
{
    /// <summary>a + b (NumPy broadcasting).</summary>
    public Value Add(Value a, Value b) => Op("Add", [a, b]);

    /// <summary>a − b.</summary>
    public Value Sub(Value a, Value b) => Op("Sub", [a, b]);

    /// <summary>a · b, elementwise.</summary>
    public Value Mul(Value a, Value b) => Op("Mul", [a, b]);

    /// <summary>a / b, elementwise.</summary>
    public Value Div(Value a, Value b) => Op("Div", [a, b]);

    /// <summary>Matrix product over the last two axes.</summary>
    public Value MatMul(Value a, Value b) => Op("MatMul", [a, b]);

    /// <summary>a·b + c for 2-D a and b (c broadcast).</summary>
    public Value Gemm(Value a, Value b, Value? c) => Op("Gemm", [a, b, c]);

    /// <summary>√x.</summary>
    public Value Sqrt(Value x) => Op("Sqrt", [x]);

    /// <summary>tanh(x).</summary>
    public Value Tanh(Value x) => Op("Tanh", [x]);

    /// <summary>Converts the element type.</summary>
    public Value Cast(Value x, DataType to) => Op("Cast", [x], Attribute.Int("to", (long)to));

    /// <summary>a &lt; b (bool).</summary>
    public Value Less(Value a, Value b) => Op("Less", [a, b]);

    /// <summary>a &gt; b (bool).</summary>
    public Value Greater(Value a, Value b) => Op("Greater", [a, b]);

    /// <summary>Logical not.</summary>
    public Value Not(Value x) => Op("Not", [x]);

    /// <summary>a ≥ b (bool). Before opset 12, where GreaterOrEqual does not exist: not(a &lt; b).</summary>
    public Value GreaterOrEqual(Value a, Value b) => Opset >= 12 ? Op("GreaterOrEqual", [a, b]) : Not(Less(a, b));

    /// <summary>a ≤ b (bool). Before opset 12, where LessOrEqual does not exist: not(a &gt; b).</summary>
    public Value LessOrEqual(Value a, Value b) => Opset >= 12 ? Op("LessOrEqual", [a, b]) : Not(Greater(a, b));
}
