using OnnxKit.Ir;

namespace OnnxKit.Tests.TestSupport;

/// <summary>Small models built in code for tests.</summary>
public static class TestModels
{
    /// <summary>y = Relu(x · W + b) with x: [N,4], W: [4,3] (values 0.1·i), b: [3].</summary>
    public static Model Dense(int inputs = 4, int outputs = 3)
    {
        var graph = new Graph("dense");
        var x = new Value("x", new TensorType(DataType.Float, new Shape(Dim.Named("N"), inputs)));
        graph.Inputs.Add(x);
        var w = graph.AddInitializer("W", DenseTensor.FromFloats(
            Enumerable.Range(0, inputs * outputs).Select(i => 0.1f * i).ToArray(), [inputs, outputs], "W"));
        var b = graph.AddInitializer("b", DenseTensor.FromFloats(Enumerable.Range(0, outputs).Select(i => -0.5f + i).ToArray(), [outputs], "b"));
        var matmul = new Node("", "MatMul", [x, w], ["xw"]);
        var add = new Node("", "Add", [matmul.Outputs[0], b], ["z"]);
        var relu = new Node("", "Relu", [add.Outputs[0]], ["y"]);
        graph.Nodes.AddRange([matmul, add, relu]);
        relu.Outputs[0].Type = new TensorType(DataType.Float, new Shape(Dim.Named("N"), outputs));
        graph.Outputs.Add(relu.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 13)]) { ProducerName = "onnxkit-tests" };
    }
}
