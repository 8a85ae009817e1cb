using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer.Tests.Distillation;

/// <summary>
/// Small classifiers over x: float[N, 4] whose logits the tests compute on their own, in double
/// precision, straight from the weights.
/// </summary>
internal static class TeacherModels
{
    public const int Features = 4;
    public const int Classes = 3;

    public static readonly float[] GemmWeight = [0.5f, -1.2f, 0.3f, 0.8f, 0.1f, -0.4f, -0.7f, 0.9f, 0.2f, 0.6f, -0.3f, 1.1f];
    public static readonly float[] GemmBias = [0.1f, -0.2f, 0.05f];
    public static readonly float[] HiddenWeight = [0.3f, -0.5f, 0.8f, 0.1f, -0.9f, 0.4f, 0.2f, -0.6f, 0.7f, 0.5f, -0.1f, 0.3f, 0.6f, -0.8f, 0.2f, 0.9f, 0.4f, -0.3f, -0.2f, 0.7f];
    public static readonly float[] OutputWeight = [1.1f, -0.4f, 0.2f, -0.6f, 0.9f, 0.3f, 0.5f, 0.5f, -1.0f, -0.2f, 0.8f, 0.4f, 0.3f, -0.7f, 0.6f];
    public static readonly float[] OutputBias = [0.2f, 0.0f, -0.1f];

    /// <summary>x · W + b, then Softmax, then Flatten: the logits hide behind the softmax and a reshape.</summary>
    public static Model GemmSoftmaxFlatten(int opset = 13, long features = Features)
    {
        var (graph, x) = Start("gemm_teacher", features);
        var w = graph.AddInitializer("w", DenseTensor.FromFloats(features == Features ? GemmWeight : Pad(GemmWeight, features), [features, Classes]));
        var b = graph.AddInitializer("b", DenseTensor.FromFloats(GemmBias, [Classes]));
        var gemm = Add(graph, new Node("", "Gemm", [x, w, b], ["z"], name: "dense"));
        var softmax = Add(graph, new Node("", "Softmax", [gemm], ["p"], [Ir.Attribute.Int("axis", 1)], "softmax"));
        var flatten = Add(graph, new Node("", "Flatten", [softmax], ["probabilities"], [Ir.Attribute.Int("axis", 1)], "flatten"));
        graph.Outputs.Add(flatten);
        return new Model(graph, 8, [new OpsetImport("", opset)]);
    }

    /// <summary>Relu(x · H) · O + c, then LogSoftmax, then Identity.</summary>
    public static Model MlpLogSoftmax(int opset = 17)
    {
        var (graph, x) = Start("mlp_teacher", Features);
        var h = graph.AddInitializer("h", DenseTensor.FromFloats(HiddenWeight, [Features, 5]));
        var o = graph.AddInitializer("o", DenseTensor.FromFloats(OutputWeight, [5, Classes]));
        var c = graph.AddInitializer("c", DenseTensor.FromFloats(OutputBias, [Classes]));
        var hidden = Add(graph, new Node("", "MatMul", [x, h], ["hidden"]));
        var relu = Add(graph, new Node("", "Relu", [hidden], ["relu"]));
        var scores = Add(graph, new Node("", "MatMul", [relu, o], ["scores"]));
        var z = Add(graph, new Node("", "Add", [scores, c], ["z"]));
        var log = Add(graph, new Node("", "LogSoftmax", [z], ["log_p"], [Ir.Attribute.Int("axis", 1)]));
        graph.Outputs.Add(Add(graph, new Node("", "Identity", [log], ["log_probs"])));
        return new Model(graph, 8, [new OpsetImport("", opset)]);
    }

    /// <summary>A regression head: one output per example, so no classifier.</summary>
    public static Model Regressor()
    {
        var (graph, x) = Start("regressor", Features);
        var w = graph.AddInitializer("w", DenseTensor.FromFloats([1, 2, 3, 4], [Features, 1]));
        graph.Outputs.Add(Add(graph, new Node("", "MatMul", [x, w], ["y"])));
        return new Model(graph, 8, [new OpsetImport("", 13)]);
    }

    /// <summary>The Gemm teacher's logits, in double precision.</summary>
    public static double[] GemmLogits(float[] x) => Affine(x, Features, GemmWeight, GemmBias, Classes);

    /// <summary>The MLP teacher's logits, in double precision (the hidden layer rounded to float, as ONNX Runtime keeps it).</summary>
    public static double[] MlpLogits(float[] x)
    {
        var hidden = Affine(x, Features, HiddenWeight, new float[5], 5).Select(v => (float)Math.Max(0, v)).ToArray();
        return Affine(hidden, 5, OutputWeight, OutputBias, Classes);
    }

    /// <summary>Softmax of each row of <paramref name="logits"/> divided by <paramref name="temperature"/>.</summary>
    public static double[] Softmax(double[] logits, double temperature)
    {
        var result = new double[logits.Length];
        for (int row = 0; row < logits.Length / Classes; row++)
        {
            var z = logits.AsSpan(row * Classes, Classes);
            double max = z.ToArray().Max(), total = 0;
            for (int j = 0; j < Classes; j++) total += Math.Exp((z[j] - max) / temperature);
            for (int j = 0; j < Classes; j++) result[row * Classes + j] = Math.Exp((z[j] - max) / temperature) / total;
        }
        return result;
    }

    /// <summary>Eight seeded examples.</summary>
    public static float[] Inputs(int count = 8, long features = Features)
    {
        var random = new Random(11);
        return Enumerable.Range(0, (int)(count * features)).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
    }

    /// <summary>Runs <paramref name="model"/> on ONNX Runtime over <paramref name="x"/> and returns every output.</summary>
    public static IReadOnlyDictionary<string, float[]> Run(Model model, float[] x, long features = Features)
    {
        using var session = OnnxSession.FromModel(model);
        var input = DenseTensor.FromFloats(x, [x.Length / features, features]);
        return session.Run(new Dictionary<string, ITensor> { [session.Inputs[0].Name] = input }).ToDictionary(p => p.Key, p => p.Value.ToArray<float>());
    }

    /// <summary>Saves <paramref name="model"/> in <paramref name="folder"/>.</summary>
    public static string Save(Model model, string folder, string name)
    {
        string path = System.IO.Path.Combine(folder, name);
        OnnxFile.Save(model, path);
        return path;
    }

    private static (Graph Graph, Value X) Start(string name, long features)
    {
        var graph = new Graph(name);
        var x = new Value("x", new TensorType(DataType.Float, new Shape(Dim.Named("N"), Dim.Of(features))));
        graph.Inputs.Add(x);
        return (graph, x);
    }

    private static Value Add(Graph graph, Node node)
    {
        graph.Nodes.Add(node);
        return node.Outputs[0];
    }

    private static float[] Pad(float[] weights, long features) => Enumerable.Range(0, (int)(features * Classes)).Select(i => weights[i % weights.Length]).ToArray();

    private static double[] Affine(float[] x, int features, float[] weight, float[] bias, int outputs)
    {
        int rows = x.Length / features;
        var result = new double[rows * outputs];
        for (int n = 0; n < rows; n++)
        {
            for (int j = 0; j < outputs; j++)
            {
                double sum = bias[j];
                for (int k = 0; k < features; k++) sum += (double)x[n * features + k] * weight[k * outputs + j];
                result[n * outputs + j] = sum;
            }
        }
        return result;
    }
}
