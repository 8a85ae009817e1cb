using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Reference.Tests.Legacy;

/// <summary>
/// A test input: name, element type, dims, and either fixed values or seeded random ones (in ±[0.5, 2] for
/// float, or [0.5, 2] when <paramref name="Positive"/>; -5..5 for integers).
/// </summary>
internal sealed record InputSpec(string Name, DataType Type, long[] Dims, Array? Values = null, bool Positive = false);

/// <summary>Builds the small graphs of <see cref="LegacyOperatorTests"/>: graph inputs, constants, nodes, outputs.</summary>
internal sealed class OneOpGraph
{
    private readonly Graph graph = new("legacy");
    private readonly int opset;
    private readonly long irVersion;
    private int constants;

    /// <summary>Starts a graph with the given inputs, for a model importing ai.onnx at <paramref name="opset"/>.</summary>
    public OneOpGraph(int opset, long irVersion, IEnumerable<InputSpec> inputs)
    {
        this.opset = opset;
        this.irVersion = irVersion;
        foreach (var spec in inputs) graph.Inputs.Add(new Value(spec.Name, new TensorType(spec.Type, Shape.Of(spec.Dims))));
    }

    /// <summary>The graph input named <paramref name="name"/>.</summary>
    public Value this[string name] => graph.Inputs.Single(v => v.Name == name);

    /// <summary>A 1-D int64 constant (an initializer).</summary>
    public Value Ints(params long[] values) =>
        graph.AddInitializer($"c{constants++}", DenseTensor.FromInt64s(values, [values.Length]));

    /// <summary>A float constant of the given dims (an initializer).</summary>
    public Value Floats(long[] dims, params float[] values) =>
        graph.AddInitializer($"c{constants++}", DenseTensor.FromFloats(values, dims));

    /// <summary>A node with one output; returns it.</summary>
    public Value Op(string op, Value?[] inputs, params IrAttribute[] attributes) => Node(op, inputs, 1, attributes)[0];

    /// <summary>A node of one input and one output; returns the output.</summary>
    public Value Op(string op, Value input, params IrAttribute[] attributes) => Node(op, [input], 1, attributes)[0];

    /// <summary>A node with <paramref name="outputs"/> outputs; returns them.</summary>
    public IReadOnlyList<Value> Node(string op, Value?[] inputs, int outputs, params IrAttribute[] attributes)
    {
        var node = new Node("", op, inputs, Enumerable.Range(0, outputs).Select(i => $"n{graph.Nodes.Count}_{i}"), attributes);
        graph.Nodes.Add(node);
        return node.Outputs;
    }

    /// <summary>Declares <paramref name="value"/> a graph output of element type <paramref name="type"/>.</summary>
    public void Output(Value value, DataType type = DataType.Float)
    {
        value.Type = new TensorType(type);
        graph.Outputs.Add(value);
    }

    /// <summary>The model.</summary>
    public Model Build() => new(graph, irVersion, [new OpsetImport("", opset)]) { ProducerName = "onnxkit-tests" };
}
