using OnnxKit.Ir;
using IrAttribute = OnnxKit.Ir.Attribute;

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

    /// <summary>
    /// <see cref="Dense"/> with its weights in Constant nodes instead of initializers, as PaddleOCR's and
    /// Silero's exporters write them: W as a <c>value</c> tensor, b as <c>value_floats</c>.
    /// </summary>
    public static Model DenseWithConstantWeights(int inputs = 4, int outputs = 3)
    {
        var model = Dense(inputs, outputs);
        var graph = model.Graph;
        foreach (var initializer in graph.Initializers.ToList())
        {
            var tensor = initializer.ConstValue!;
            var attribute = initializer.Name == "W"
                ? IrAttribute.Tensor("value", tensor)
                : IrAttribute.Floats("value_floats", tensor.ToArray<float>());
            var constant = new Node("", "Constant", [], [initializer.Name + "_const"], [attribute]);
            graph.Nodes.InsertAfter(null, constant);
            initializer.ReplaceAllUsesWith(constant.Outputs[0]);
            graph.Initializers.Remove(initializer);
        }
        return model;
    }
}
