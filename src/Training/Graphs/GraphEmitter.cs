using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Graphs;

/// <summary>
/// Appends standard ONNX nodes to a graph under a name scope, giving every node and value a
/// name not yet used in the graph. The gradient rules, losses and optimizers write their
/// sub-graphs through it. Constants become Constant nodes (ONNX Runtime folds them).
/// </summary>
/// <remarks>
/// Nodes are appended at the end of the graph (or inserted before <see cref="InsertBefore"/>),
/// so an emitter used after the forward pass keeps the node list topologically ordered. Every value it makes is float32 unless the
/// operator says otherwise (training graphs are float32).
/// </remarks>
internal sealed class GraphEmitter
{
    private readonly HashSet<string> usedNames;

    /// <summary>Creates an emitter over <paramref name="graph"/>, reserving every name already in it.</summary>
    public GraphEmitter(Graph graph)
    {
        Graph = graph;
        usedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in graph.Inputs) usedNames.Add(value.Name);
        foreach (var value in graph.Initializers) usedNames.Add(value.Name);
        foreach (var node in graph.Nodes)
        {
            if (node.Name is { } name) usedNames.Add(name);
            foreach (var output in node.Outputs) usedNames.Add(output.Name);
        }
    }

    /// <summary>The graph nodes are added to.</summary>
    public Graph Graph { get; }

    /// <summary>The prefix of names given to new nodes (<c>grad/conv2d/Conv</c>).</summary>
    public string Scope { get; set; } = "";

    /// <summary>When set, new nodes go right before this node instead of at the end of the graph.</summary>
    public Node? InsertBefore { get; set; }

    /// <summary>Emits a node with one output.</summary>
    public Value Op(string opType, params Value?[] inputs) => Ops(opType, 1, inputs)[0];

    /// <summary>Emits a node with one output and attributes.</summary>
    public Value Op(string opType, Value?[] inputs, params Attribute[] attributes) => Ops(opType, 1, inputs, attributes)[0];

    /// <summary>Emits a node with <paramref name="outputCount"/> outputs.</summary>
    public IReadOnlyList<Value> Ops(string opType, int outputCount, Value?[] inputs, params Attribute[] attributes)
    {
        string name = UniqueName(Scope.Length == 0 ? opType : $"{Scope}/{opType}");
        var outputs = Enumerable.Range(0, outputCount).Select(i => UniqueName(i == 0 ? name : $"{name}:{i}")).ToArray();
        var trimmed = inputs.ToList();
        while (trimmed.Count > 0 && trimmed[^1] is null) trimmed.RemoveAt(trimmed.Count - 1);
        var node = new Node("", opType, trimmed, outputs, attributes, name);
        if (InsertBefore is null) Graph.Nodes.Add(node);
        else Graph.Nodes.InsertBefore(InsertBefore, node);
        return node.Outputs;
    }

    /// <summary>A name not yet used in the graph: <paramref name="wanted"/> itself when free.</summary>
    public string UniqueName(string wanted)
    {
        if (usedNames.Add(wanted)) return wanted;
        for (int i = 1; ; i++)
        {
            string candidate = $"{wanted}_{i}";
            if (usedNames.Add(candidate)) return candidate;
        }
    }

    /// <summary>A new graph input of the given type, named <paramref name="name"/> (made unique).</summary>
    public Value AddInput(string name, DataType type, params Dim[] dims)
    {
        var value = new Value(UniqueName(name), new TensorType(type, new Shape(dims)));
        Graph.Inputs.Add(value);
        return value;
    }

    /// <summary>
    /// Makes <paramref name="value"/> a graph output named <paramref name="name"/> (made unique)
    /// and returns it: the value itself, renamed, when a node computes it and it is not an output
    /// yet; otherwise an Identity of it.
    /// </summary>
    public Value AddOutput(Value value, string name)
    {
        var output = value.Producer is null || Graph.Outputs.Contains(value) ? Op("Identity", value) : value;
        output.Name = UniqueName(name);
        Graph.Outputs.Add(output);
        return output;
    }

    /// <summary>A constant tensor.</summary>
    public Value Constant(ITensor tensor) => Op("Constant", [], Attribute.Tensor("value", tensor));

    /// <summary>A float32 scalar constant.</summary>
    public Value Scalar(float value) => Constant(DenseTensor.FromFloats([value], []));

    /// <summary>A float32 constant of the given shape.</summary>
    public Value Floats(float[] values, params long[] dims) => Constant(DenseTensor.FromFloats(values, dims));

    /// <summary>A 1-D int64 constant (shapes, axes, pads).</summary>
    public Value Int64s(params long[] values) => Constant(DenseTensor.FromInt64s(values, [values.Length]));

    /// <summary>a + b.</summary>
    public Value Add(Value a, Value b) => Op("Add", a, b);

    /// <summary>a − b.</summary>
    public Value Sub(Value a, Value b) => Op("Sub", a, b);

    /// <summary>a · b.</summary>
    public Value Mul(Value a, Value b) => Op("Mul", a, b);

    /// <summary>a / b.</summary>
    public Value Div(Value a, Value b) => Op("Div", a, b);

    /// <summary>−x.</summary>
    public Value Neg(Value x) => Op("Neg", x);

    /// <summary>x · c for a float constant c.</summary>
    public Value Scale(Value x, float c) => c == 1f ? x : Mul(x, Scalar(c));

    /// <summary>The sum over <paramref name="axes"/> (ReduceSum takes its axes as an input from opset 13).</summary>
    public Value ReduceSum(Value x, long[] axes, bool keepDims) =>
        Op("ReduceSum", [x, Int64s(axes)], Attribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>The mean over <paramref name="axes"/> (an attribute up to opset 17).</summary>
    public Value ReduceMean(Value x, long[] axes, bool keepDims) =>
        Op("ReduceMean", [x], Attribute.Ints("axes", axes), Attribute.Int("keepdims", keepDims ? 1 : 0));

    /// <summary>Reshapes <paramref name="x"/> to the shape held by <paramref name="shape"/> (an int64 vector).</summary>
    public Value Reshape(Value x, Value shape) => Op("Reshape", x, shape);

    /// <summary>Reshapes <paramref name="x"/> to constant dims (0 copies an input dim, −1 is inferred).</summary>
    public Value Reshape(Value x, params long[] dims) => Reshape(x, Int64s(dims));

    /// <summary>The shape of <paramref name="x"/> as an int64 vector.</summary>
    public Value Shape(Value x) => Op("Shape", x);

    /// <summary>Permutes the axes of <paramref name="x"/>.</summary>
    public Value Transpose(Value x, params long[] perm) => Op("Transpose", [x], Attribute.Ints("perm", perm));

    /// <summary>Converts to <paramref name="to"/>.</summary>
    public Value Cast(Value x, DataType to) => Op("Cast", [x], Attribute.Int("to", (long)to));

    /// <summary>where(condition, a, b).</summary>
    public Value Where(Value condition, Value a, Value b) => Op("Where", condition, a, b);
}
