using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Builds small models in code: typed inputs, seeded random or given initializers, nodes, outputs.</summary>
public sealed class TestGraph(long opset = 17)
{
    private readonly Graph graph = new("test");
    private readonly Random random = new(1234);
    private int counter;

    /// <summary>The graph under construction.</summary>
    public Graph Graph => graph;

    /// <summary>Adds a graph input; dims may be numbers or symbol names.</summary>
    public Value Input(string name, DataType type, params Dim[] dims)
    {
        var value = new Value(name, new TensorType(type, new Shape(dims)));
        graph.Inputs.Add(value);
        return value;
    }

    /// <summary>Adds a float input of known dims.</summary>
    public Value Input(string name, params long[] dims) => Input(name, DataType.Float, dims.Select(d => Dim.Of(d)).ToArray());

    /// <summary>Adds a float initializer with seeded values in [low, high).</summary>
    public Value Random(string name, long[] dims, double low = -1, double high = 1)
    {
        long n = dims.Aggregate(1L, (p, d) => p * d);
        var values = new float[n];
        for (int i = 0; i < n; i++) values[i] = (float)(low + (high - low) * random.NextDouble());
        return graph.AddInitializer(name, DenseTensor.FromFloats(values, dims, name));
    }

    /// <summary>Adds a float initializer with the given values.</summary>
    public Value Floats(string name, float[] values, params long[] dims) => graph.AddInitializer(name, DenseTensor.FromFloats(values, dims, name));

    /// <summary>Adds an int64 initializer with the given values.</summary>
    public Value Ints(string name, long[] values, params long[] dims) => graph.AddInitializer(name, DenseTensor.FromInt64s(values, dims, name));

    /// <summary>Adds an int64 vector initializer.</summary>
    public Value Ints(string name, params long[] values) => Ints(name, values, values.Length);

    /// <summary>Adds a node with one output and returns that output.</summary>
    public Value Node(string opType, Value?[] inputs, params IrAttribute[] attributes) => NodeWithOutputs(opType, inputs, 1, attributes)[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs.</summary>
    public IReadOnlyList<Value> NodeWithOutputs(string opType, Value?[] inputs, int outputs, params IrAttribute[] attributes)
    {
        var node = new Node("", opType, inputs, Enumerable.Range(0, outputs).Select(_ => $"{opType.ToLowerInvariant()}_{counter++}"), attributes, $"{opType}_{counter}");
        graph.Nodes.Add(node);
        return node.Outputs;
    }

    /// <summary>Marks a value as a graph output (float, shape unknown unless given).</summary>
    public TestGraph Output(Value value, params long[] dims)
    {
        value.Type ??= new TensorType(DataType.Float, dims.Length == 0 ? null : Shape.Of(dims));
        graph.Outputs.Add(value);
        return this;
    }

    /// <summary>The model, at the IR version ONNX released with the chosen opset (8 at least).</summary>
    public Model Build() => new(graph, opset switch { >= 23 => 11, >= 21 => 10, >= 19 => 9, _ => 8 }, [new OpsetImport("", opset)])
    {
        ProducerName = "onnxkit-tests",
    };
}
