using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Reference.Bench;

/// <summary>
/// Builds ResNet-50 (v1.5: the stride sits on the 3×3 convolution of each bottleneck) in the IR with
/// seeded He-uniform weights and separate BatchNormalization nodes, as exporters usually emit it.
/// </summary>
internal sealed class ResNet50Builder
{
    private readonly Graph graph = new("resnet50");
    private readonly Random random = new(50);
    private int counter;

    /// <summary>The model: input "image" [batch, 3, 224, 224], output "logits" [batch, 1000], opset 17.</summary>
    public static Model Build(int batch = 1)
    {
        var builder = new ResNet50Builder();
        return builder.Create(batch);
    }

    private Model Create(int batch)
    {
        var image = new Value("image", new TensorType(DataType.Float, Shape.Of(batch, 3, 224, 224)));
        graph.Inputs.Add(image);
        var x = Relu(BatchNorm(Conv(image, 3, 64, 7, 2, 3)));
        x = Node("MaxPool", [x], [Attribute.Ints("kernel_shape", [3, 3]), Attribute.Ints("strides", [2, 2]), Attribute.Ints("pads", [1, 1, 1, 1])]);
        int channels = 64;
        foreach (var (width, blocks, stride) in new[] { (64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2) })
        {
            for (int b = 0; b < blocks; b++)
            {
                x = Bottleneck(x, channels, width, b == 0 ? stride : 1, projection: b == 0);
                channels = width * 4;
            }
        }
        x = Node("GlobalAveragePool", [x]);
        x = Node("Flatten", [x]);
        var weights = Weight([1000, channels], channels);
        var bias = graph.AddInitializer(Name("fc_b"), DenseTensor.FromFloats(new float[1000], [1000]));
        var logits = new Node("", "Gemm", [x, weights, bias], [new Value("logits")], [Attribute.Int("transB", 1)]);
        graph.Nodes.Add(logits);
        graph.Outputs.Add(logits.Outputs[0]);
        return new Model(graph, 8, [new OpsetImport("", 17)]) { ProducerName = "onnxkit-bench" };
    }

    private Value Bottleneck(Value input, int inChannels, int width, int stride, bool projection)
    {
        var y = Relu(BatchNorm(Conv(input, inChannels, width, 1, 1, 0)));
        y = Relu(BatchNorm(Conv(y, width, width, 3, stride, 1)));
        y = BatchNorm(Conv(y, width, width * 4, 1, 1, 0));
        var shortcut = projection ? BatchNorm(Conv(input, inChannels, width * 4, 1, stride, 0)) : input;
        return Relu(Node("Add", [y, shortcut]));
    }

    private Value Conv(Value x, int inChannels, int outChannels, int kernel, int stride, int pad)
    {
        var w = Weight([outChannels, inChannels, kernel, kernel], inChannels * kernel * kernel);
        return Node("Conv", [x, w],
        [
            Attribute.Ints("kernel_shape", [kernel, kernel]), Attribute.Ints("strides", [stride, stride]), Attribute.Ints("pads", [pad, pad, pad, pad]),
        ]);
    }

    private Value BatchNorm(Value x)
    {
        int channels = (int)graph.Initializers.Last().ConstValue!.Dims[0];
        Value Vector(string name, Func<float> value) =>
            graph.AddInitializer(Name(name), DenseTensor.FromFloats(Enumerable.Range(0, channels).Select(_ => value()).ToArray(), [channels]));
        var scale = Vector("gamma", () => 0.5f + (float)random.NextDouble() * 0.5f);
        var bias = Vector("beta", () => (float)random.NextDouble() * 0.2f - 0.1f);
        var mean = Vector("mean", () => (float)random.NextDouble() * 0.2f - 0.1f);
        var variance = Vector("var", () => 0.5f + (float)random.NextDouble());
        return Node("BatchNormalization", [x, scale, bias, mean, variance]);
    }

    private Value Relu(Value x) => Node("Relu", [x]);

    private Value Weight(long[] dims, int fanIn)
    {
        float limit = MathF.Sqrt(6f / fanIn);
        int count = (int)dims.Aggregate(1L, (a, b) => a * b);
        var values = new float[count];
        for (int i = 0; i < count; i++) values[i] = ((float)random.NextDouble() * 2 - 1) * limit;
        return graph.AddInitializer(Name("w"), DenseTensor.FromFloats(values, dims));
    }

    private Value Node(string op, Value[] inputs, Attribute[]? attributes = null)
    {
        var node = new Node("", op, inputs, [new Value(Name(op.ToLowerInvariant()))], attributes);
        graph.Nodes.Add(node);
        return node.Outputs[0];
    }

    private string Name(string prefix) => $"{prefix}_{counter++}";
}
