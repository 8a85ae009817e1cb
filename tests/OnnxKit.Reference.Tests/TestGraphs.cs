using OnnxKit.Ir;

namespace OnnxKit.Reference.Tests;

/// <summary>Builds small models in code for the evaluator's tests.</summary>
internal static class TestGraphs
{
    /// <summary>A float32 graph input of the given static shape.</summary>
    public static Value Input(string name, params long[] dims) => Input(name, DataType.Float, dims);

    /// <summary>A graph input of the given type and static shape.</summary>
    public static Value Input(string name, DataType type, params long[] dims) => new(name, new TensorType(type, Shape.Of(dims)));

    /// <summary>A model around <paramref name="graph"/> importing ai.onnx at <paramref name="opset"/>.</summary>
    public static Model Model(Graph graph, int opset = 21, params OpsetImport[] extra) =>
        new(graph, 10, [new OpsetImport("", opset), .. extra]);

    /// <summary>A model of one node <paramref name="op"/> reading fresh inputs of the given shapes (float32) and producing one output.</summary>
    public static Model SingleNode(string op, IEnumerable<Ir.Attribute>? attributes, int opset, params long[][] inputShapes)
    {
        var graph = new Graph(op);
        var inputs = inputShapes.Select((dims, i) => Input($"x{i}", dims)).ToList();
        graph.Inputs.AddRange(inputs);
        var node = new Node("", op, inputs, ["y"], attributes);
        graph.Nodes.Add(node);
        graph.Outputs.Add(node.Outputs[0]);
        return Model(graph, opset);
    }

    /// <summary>The float32 elements of an output.</summary>
    public static float[] Floats(RuntimeValue value) => ((TensorValue)value).AsSpan<float>().ToArray();
}
