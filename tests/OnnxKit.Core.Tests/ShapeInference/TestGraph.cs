using OnnxKit.Ir;
using OnnxKit.ShapeInference;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.ShapeInference;

/// <summary>Builds small one-graph models for shape-inference tests: inputs, constants, nodes, then infer.</summary>
internal sealed class TestGraph
{
    private int nextValue;

    public TestGraph(long opset = 17)
    {
        Graph = new Graph("test");
        Model = new Model(Graph, 8, [new OpsetImport("", opset)]);
    }

    public Graph Graph { get; }

    public Model Model { get; }

    /// <summary>A graph input; dims are sizes (long) or symbols (string).</summary>
    public Value Input(string name, DataType type, params Dim[] dims)
    {
        var value = new Value(name, new TensorType(type, new Shape(dims)));
        Graph.Inputs.Add(value);
        return value;
    }

    /// <summary>A float graph input.</summary>
    public Value Input(string name, params Dim[] dims) => Input(name, DataType.Float, dims);

    /// <summary>An int64 1-D initializer.</summary>
    public Value Ints(params long[] values) =>
        Graph.AddInitializer($"c{nextValue++}", DenseTensor.FromInt64s(values, [values.Length]));

    /// <summary>A float initializer of the given dims (zeros).</summary>
    public Value Weights(params long[] dims) =>
        Graph.AddInitializer($"w{nextValue++}", DenseTensor.FromFloats(new float[dims.Aggregate(1L, (a, b) => a * b)], dims));

    /// <summary>Adds a node with one output and returns that output.</summary>
    public Value Op(string opType, Value?[] inputs, params Attribute[] attributes) => Node(opType, inputs, 1, attributes).Outputs[0];

    /// <summary>Adds a node with <paramref name="outputs"/> outputs.</summary>
    public Node Node(string opType, Value?[] inputs, int outputs, params Attribute[] attributes)
    {
        var node = new Node("", opType, inputs, Enumerable.Range(0, outputs).Select(_ => $"v{nextValue++}"), attributes);
        Graph.Nodes.Add(node);
        return node;
    }

    /// <summary>Marks values as graph outputs.</summary>
    public void Outputs(params Value[] values) => Graph.Outputs.AddRange(values);

    public ShapeInferenceReport Infer(ShapeInferenceOptions? options = null) => ShapeInferer.Infer(Model, options);
}
