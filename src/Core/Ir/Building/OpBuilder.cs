namespace OnnxKit.Ir.Building;

/// <summary>
/// The operator vocabulary shared by everything that writes graphs in code: the generic
/// <see cref="Op(string, IReadOnlyList{TValue}, Attribute[])"/> and typed methods for common ai.onnx
/// operators whose signature is the same at every opset. <see cref="GraphBuilder"/> emits real nodes
/// with it; the optimizer's pattern builder emits symbolic pattern nodes with the very same calls, so
/// a rewrite rule's pattern and its replacement read alike.
/// </summary>
/// <typeparam name="TValue">What the builder's values are: IR <see cref="Value"/>s, or pattern values.</typeparam>
public abstract class OpBuilder<TValue>
    where TValue : class
{
    /// <summary>A node of ai.onnx operator <paramref name="opType"/> with one output; returns that output.</summary>
    public TValue Op(string opType, IReadOnlyList<TValue?> inputs, params Attribute[] attributes) =>
        Emit(opType, inputs, attributes, 1)[0];

    /// <summary>A node of ai.onnx operator <paramref name="opType"/> with <paramref name="outputCount"/> outputs.</summary>
    public IReadOnlyList<TValue> Op(string opType, IReadOnlyList<TValue?> inputs, int outputCount, params Attribute[] attributes) =>
        Emit(opType, inputs, attributes, outputCount);

    /// <summary>Emits one ai.onnx node and returns its outputs.</summary>
    protected abstract IReadOnlyList<TValue> Emit(string opType, IReadOnlyList<TValue?> inputs, IReadOnlyList<Attribute> attributes, int outputCount);

    /// <summary>|x|.</summary>
    public TValue Abs(TValue x) => Op("Abs", [x]);

    /// <summary>a + b (NumPy broadcasting).</summary>
    public TValue Add(TValue a, TValue b) => Op("Add", [a, b]);

    /// <summary>a − b.</summary>
    public TValue Sub(TValue a, TValue b) => Op("Sub", [a, b]);

    /// <summary>a · b, elementwise.</summary>
    public TValue Mul(TValue a, TValue b) => Op("Mul", [a, b]);

    /// <summary>a / b, elementwise.</summary>
    public TValue Div(TValue a, TValue b) => Op("Div", [a, b]);

    /// <summary>x to the power y, elementwise.</summary>
    public TValue Pow(TValue x, TValue y) => Op("Pow", [x, y]);

    /// <summary>−x.</summary>
    public TValue Neg(TValue x) => Op("Neg", [x]);

    /// <summary>1 / x.</summary>
    public TValue Reciprocal(TValue x) => Op("Reciprocal", [x]);

    /// <summary>√x.</summary>
    public TValue Sqrt(TValue x) => Op("Sqrt", [x]);

    /// <summary>eˣ.</summary>
    public TValue Exp(TValue x) => Op("Exp", [x]);

    /// <summary>ln x.</summary>
    public TValue Log(TValue x) => Op("Log", [x]);

    /// <summary>The error function.</summary>
    public TValue Erf(TValue x) => Op("Erf", [x]);

    /// <summary>tanh x.</summary>
    public TValue Tanh(TValue x) => Op("Tanh", [x]);

    /// <summary>1 / (1 + e⁻ˣ).</summary>
    public TValue Sigmoid(TValue x) => Op("Sigmoid", [x]);

    /// <summary>max(x, 0).</summary>
    public TValue Relu(TValue x) => Op("Relu", [x]);

    /// <summary>GELU (opset 20+); <paramref name="approximate"/> "tanh" selects the tanh formula.</summary>
    public TValue Gelu(TValue x, string? approximate = null) =>
        approximate is null ? Op("Gelu", [x]) : Op("Gelu", [x], Attribute.String("approximate", approximate));

    /// <summary>Elementwise maximum of the inputs.</summary>
    public TValue Max(params TValue[] inputs) => Op("Max", inputs);

    /// <summary>Elementwise minimum of the inputs.</summary>
    public TValue Min(params TValue[] inputs) => Op("Min", inputs);

    /// <summary>Matrix product over the last two axes.</summary>
    public TValue MatMul(TValue a, TValue b) => Op("MatMul", [a, b]);

    /// <summary>x unchanged.</summary>
    public TValue Identity(TValue x) => Op("Identity", [x]);

    /// <summary>x converted to element type <paramref name="to"/>.</summary>
    public TValue Cast(TValue x, DataType to) => Op("Cast", [x], Attribute.Int("to", (long)to));

    /// <summary>x with its axes permuted (reversed when <paramref name="perm"/> is null).</summary>
    public TValue Transpose(TValue x, IReadOnlyList<long>? perm = null) =>
        perm is null ? Op("Transpose", [x]) : Op("Transpose", [x], Attribute.Ints("perm", perm));

    /// <summary>The inputs joined along <paramref name="axis"/>.</summary>
    public TValue Concat(long axis, params TValue[] inputs) => Op("Concat", inputs, Attribute.Int("axis", axis));

    /// <summary>Softmax along <paramref name="axis"/> (before opset 13: of x flattened to 2-D at that axis).</summary>
    public TValue Softmax(TValue x, long axis = -1) => Op("Softmax", [x], Attribute.Int("axis", axis));

    /// <summary>a = b (bool).</summary>
    public TValue Equal(TValue a, TValue b) => Op("Equal", [a, b]);

    /// <summary>a &lt; b (bool).</summary>
    public TValue Less(TValue a, TValue b) => Op("Less", [a, b]);

    /// <summary>a ≤ b (bool; opset 12+).</summary>
    public TValue LessOrEqual(TValue a, TValue b) => Op("LessOrEqual", [a, b]);

    /// <summary>a &gt; b (bool).</summary>
    public TValue Greater(TValue a, TValue b) => Op("Greater", [a, b]);

    /// <summary>a ≥ b (bool; opset 12+).</summary>
    public TValue GreaterOrEqual(TValue a, TValue b) => Op("GreaterOrEqual", [a, b]);

    /// <summary>Logical not.</summary>
    public TValue Not(TValue x) => Op("Not", [x]);

    /// <summary>Logical and.</summary>
    public TValue And(TValue a, TValue b) => Op("And", [a, b]);

    /// <summary>Logical or.</summary>
    public TValue Or(TValue a, TValue b) => Op("Or", [a, b]);

    /// <summary>Elementwise choice: <paramref name="x"/> where <paramref name="condition"/> holds, else <paramref name="y"/>.</summary>
    public TValue Where(TValue condition, TValue x, TValue y) => Op("Where", [condition, x, y]);
}
