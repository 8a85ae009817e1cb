using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Runtime.Tests.TestSupport;

/// <summary>Models built in code with the IR for runtime tests, samples and benchmarks.</summary>
public static class RuntimeTestModels
{
    /// <summary>
    /// A small image classifier, x: float[N,3,16,16] → probs: float[N,10]:
    /// Conv(8,3×3,pad 1) → Relu → MaxPool(2) → Conv(16,3×3,pad 1) → Relu → GlobalAveragePool
    /// → Flatten → Gemm(16→10) → Softmax. Weights are a fixed pseudo-random pattern.
    /// </summary>
    public static Model SmallCnn(int classes = 10)
    {
        var random = new Random(1234);
        float[] Weights(int count, float scale) => Enumerable.Range(0, count).Select(_ => (float)(random.NextDouble() * 2 - 1) * scale).ToArray();

        var graph = new Graph("small_cnn");
        var x = new Value("x", new TensorType(DataType.Float, new Shape(Dim.Named("N"), 3, 16, 16)));
        graph.Inputs.Add(x);
        var w1 = graph.AddInitializer("conv1.weight", DenseTensor.FromFloats(Weights(8 * 3 * 9, 0.5f), [8, 3, 3, 3], "conv1.weight"));
        var b1 = graph.AddInitializer("conv1.bias", DenseTensor.FromFloats(Weights(8, 0.1f), [8], "conv1.bias"));
        var w2 = graph.AddInitializer("conv2.weight", DenseTensor.FromFloats(Weights(16 * 8 * 9, 0.3f), [16, 8, 3, 3], "conv2.weight"));
        var b2 = graph.AddInitializer("conv2.bias", DenseTensor.FromFloats(Weights(16, 0.1f), [16], "conv2.bias"));
        var w3 = graph.AddInitializer("fc.weight", DenseTensor.FromFloats(Weights(classes * 16, 0.5f), [classes, 16], "fc.weight"));
        var b3 = graph.AddInitializer("fc.bias", DenseTensor.FromFloats(Weights(classes, 0.1f), [classes], "fc.bias"));

        Attribute[] conv = [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("pads", [1, 1, 1, 1])];
        var c1 = new Node("", "Conv", [x, w1, b1], ["c1"], conv);
        var r1 = new Node("", "Relu", [c1.Outputs[0]], ["r1"]);
        var p1 = new Node("", "MaxPool", [r1.Outputs[0]], ["p1"], [Attribute.Ints("kernel_shape", [2, 2]), Attribute.Ints("strides", [2, 2])]);
        var c2 = new Node("", "Conv", [p1.Outputs[0], w2, b2], ["c2"], conv);
        var r2 = new Node("", "Relu", [c2.Outputs[0]], ["r2"]);
        var gap = new Node("", "GlobalAveragePool", [r2.Outputs[0]], ["gap"]);
        var flat = new Node("", "Flatten", [gap.Outputs[0]], ["flat"]);
        var fc = new Node("", "Gemm", [flat.Outputs[0], w3, b3], ["logits"], [Attribute.Int("transB", 1)]);
        var softmax = new Node("", "Softmax", [fc.Outputs[0]], ["probs"], [Attribute.Int("axis", 1)]);
        graph.Nodes.AddRange([c1, r1, p1, c2, r2, gap, flat, fc, softmax]);
        softmax.Outputs[0].Type = new TensorType(DataType.Float, new Shape(Dim.Named("N"), classes));
        graph.Outputs.Add(softmax.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 13)]) { ProducerName = "onnxkit-tests" };
    }

    /// <summary>The tiniest useful model: y = x + 1 for x: float[1,4]. Measures per-run overhead.</summary>
    public static Model AddOne()
    {
        var graph = new Graph("add_one");
        var x = new Value("x", new TensorType(DataType.Float, Shape.Of(1, 4)));
        graph.Inputs.Add(x);
        var one = graph.AddInitializer("one", DenseTensor.FromFloats([1f], [], "one"));
        var add = new Node("", "Add", [x, one], ["y"]);
        graph.Nodes.Add(add);
        add.Outputs[0].Type = new TensorType(DataType.Float, Shape.Of(1, 4));
        graph.Outputs.Add(add.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 13)]) { ProducerName = "onnxkit-tests" };
    }

    /// <summary>y = Cast(x) to float for x: T[N] — checks element types cross the boundary intact.</summary>
    public static Model CastToFloat(DataType inputType)
    {
        var graph = new Graph("cast");
        var x = new Value("x", new TensorType(inputType, new Shape(Dim.Named("N"))));
        graph.Inputs.Add(x);
        var cast = new Node("", "Cast", [x], ["y"], [Attribute.Int("to", (long)DataType.Float)]);
        graph.Nodes.Add(cast);
        cast.Outputs[0].Type = new TensorType(DataType.Float, new Shape(Dim.Named("N")));
        graph.Outputs.Add(cast.Outputs[0]);
        return new Model(graph, 9, [new OpsetImport("", 19)]) { ProducerName = "onnxkit-tests" };
    }
}
