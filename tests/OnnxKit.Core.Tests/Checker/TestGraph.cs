using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Tests.Checker;

/// <summary>Builds small graphs for checker tests: typed inputs, nodes with generated output names, typed outputs.</summary>
public sealed class TestGraph
{
    private int counter;

    public TestGraph(string? name = "g") => Graph = new Graph(name);

    public Graph Graph { get; }

    public static TensorType Tensor(DataType type = DataType.Float, params long[] dims) => new(type, Shape.Of(dims));

    public Value Input(string name, DataType type = DataType.Float, params long[] dims)
    {
        var value = new Value(name, Tensor(type, dims.Length == 0 ? [2] : dims));
        Graph.Inputs.Add(value);
        return value;
    }

    /// <summary>Adds a node of the default domain with one output, named after the op; returns that output.</summary>
    public Value Op(string opType, params Value?[] inputs) => Add(opType, inputs).Outputs[0];

    /// <summary>Adds a node with the given inputs, output names and attributes.</summary>
    public Node Add(string opType, Value?[] inputs, string[]? outputs = null, IrAttribute[]? attributes = null, string domain = "", string? name = null)
    {
        var node = new Node(domain, opType, inputs, outputs ?? [$"{opType.ToLowerInvariant()}_{counter++}"], attributes, name);
        Graph.Nodes.Add(node);
        return node;
    }

    /// <summary>Lists <paramref name="value"/> as a graph output, giving it a float tensor type if it has none.</summary>
    public void Output(Value value, DataType type = DataType.Float, params long[] dims)
    {
        value.Type ??= Tensor(type, dims.Length == 0 ? [2] : dims);
        Graph.Outputs.Add(value);
    }

    /// <summary>A model around this graph, importing ai.onnx at <paramref name="opset"/> (plus <paramref name="more"/>).</summary>
    public Model Model(long irVersion = 7, long opset = 13, params OpsetImport[] more) =>
        new(Graph, irVersion, [new OpsetImport("", opset), .. more]);
}
