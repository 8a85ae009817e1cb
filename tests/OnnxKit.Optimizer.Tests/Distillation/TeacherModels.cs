using OnnxKit.Ir;
using OnnxKit.Ir.Building;
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
        var b = new GraphBuilder(opset, "gemm_teacher");
        var x = b.Input("x", Dim.Named("N"), Dim.Of(features));
        var z = b.AddNode("Gemm", [x, b.Floats("w", features == Features ? GemmWeight : Pad(GemmWeight, features), features, Classes), b.Floats("b", GemmBias, Classes)],
            outputNames: ["z"], name: "dense").Outputs[0];
        var probabilities = b.AddNode("Flatten", [b.Softmax(z, axis: 1)], [Ir.Attribute.Int("axis", 1)], outputNames: ["probabilities"]).Outputs[0];
        return b.Output(probabilities).ToModel(irVersion: 8);
    }

    /// <summary>Relu(x · H) · O + c, then LogSoftmax, then Identity.</summary>
    public static Model MlpLogSoftmax(int opset = 17)
    {
        var b = new GraphBuilder(opset, "mlp_teacher");
        var x = b.Input("x", Dim.Named("N"), Dim.Of(Features));
        var relu = b.AddNode("Relu", [b.MatMul(x, b.Floats("h", HiddenWeight, Features, 5))], outputNames: ["relu"]).Outputs[0];
        var z = b.Add(b.MatMul(relu, b.Floats("o", OutputWeight, 5, Classes)), b.Floats("c", OutputBias, Classes));
        var log = b.Op("LogSoftmax", [z], Ir.Attribute.Int("axis", 1));
        var logProbabilities = b.AddNode("Identity", [log], outputNames: ["log_probs"]).Outputs[0];
        return b.Output(logProbabilities).ToModel(irVersion: 8);
    }

    /// <summary>A regression head: one output per example, so no classifier.</summary>
    public static Model Regressor()
    {
        var b = new GraphBuilder(13, "regressor");
        var x = b.Input("x", Dim.Named("N"), Dim.Of(Features));
        var y = b.AddNode("MatMul", [x, b.Floats("w", [1, 2, 3, 4], Features, 1)], outputNames: ["y"]).Outputs[0];
        return b.Output(y).ToModel(irVersion: 8);
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
