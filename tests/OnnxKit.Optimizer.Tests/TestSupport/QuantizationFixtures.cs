using OnnxKit.Ir.Building;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Reference;
using OnnxKit.Runtime;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Tests.TestSupport;

/// <summary>Small models and seeded sample batches for quantization tests, and the two backends they run on.</summary>
public static class QuantizationFixtures
{
    /// <summary>
    /// A small residual CNN exercising every placement rule: Conv+bias → ReLU → MaxPool → 1×1 Conv+bias,
    /// added to the pooled value → ReLU → GlobalAveragePool → Flatten → Gemm+bias → output "logits".
    /// </summary>
    public static Model ResidualCnn(long opset = 17)
    {
        var g = new GraphBuilder(opset);
        var x = g.Input("image", DataType.Float, Dim.Named("batch"), Dim.Of(3), Dim.Of(8), Dim.Of(8));
        var c1 = g.Op("Conv", [x, g.Random("w1", [8, 3, 3, 3], -0.5, 0.5), g.Random("b1", [8], -0.2, 0.2)], IrAttribute.Ints("pads", [1, 1, 1, 1]));
        var r1 = g.Op("Relu", [c1]);
        var p1 = g.Op("MaxPool", [r1], IrAttribute.Ints("kernel_shape", [2, 2]), IrAttribute.Ints("strides", [2, 2]));
        var c2 = g.Op("Conv", [p1, g.Random("w2", [8, 8, 1, 1], -0.5, 0.5), g.Random("b2", [8], -0.2, 0.2)]);
        var sum = g.Op("Add", [c2, p1]);
        var r2 = g.Op("Relu", [sum]);
        var pooled = g.Op("GlobalAveragePool", [r2]);
        var flat = g.Op("Flatten", [pooled]);
        var logits = g.AddNode("Gemm", [flat, g.Random("w3", [8, 5], -0.5, 0.5), g.Random("b3", [5], -0.2, 0.2)], name: "classifier").Outputs[0];
        logits.Name = "logits";
        return g.Output(logits, new TensorType(DataType.Float, null)).ToModel();
    }

    /// <summary>An MLP on [batch, 128]: MatMul → Add → ReLU → Gemm(transB) → output "scores".</summary>
    public static Model Mlp(long opset = 17)
    {
        var g = new GraphBuilder(opset);
        var x = g.Input("features", DataType.Float, Dim.Named("batch"), Dim.Of(128));
        var h = g.Op("MatMul", [x, g.Random("w1", [128, 64], -0.2, 0.2)]);
        var biased = g.Op("Add", [h, g.Random("b1", [64], -0.1, 0.1)]);
        var r = g.Op("Relu", [biased]);
        var scores = g.Op("Gemm", [r, g.Random("w2", [10, 64], -0.4, 0.4), g.Random("b2", [10], -0.1, 0.1)], IrAttribute.Int("transB", 1));
        scores.Name = "scores";
        return g.Output(scores, new TensorType(DataType.Float, null)).ToModel();
    }

    /// <summary><paramref name="count"/> seeded batches of <paramref name="batchSize"/> samples, uniform in [0, 1) (as scaled pixels are).</summary>
    public static List<SampleBatch> Batches(Model model, int count, int batchSize = 4, int seed = 5)
    {
        var random = new Random(seed);
        var batches = new List<SampleBatch>();
        for (int b = 0; b < count; b++)
        {
            var inputs = new Dictionary<string, ITensor>(StringComparer.Ordinal);
            foreach (var input in model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name)))
            {
                long[] dims = input.TensorType!.Shape!.Select(d => d.Value ?? batchSize).ToArray();
                var values = new float[dims.Aggregate(1L, (p, d) => p * d)];
                for (int i = 0; i < values.Length; i++) values[i] = (float)random.NextDouble();
                inputs[input.Name] = DenseTensor.FromFloats(values, dims, input.Name);
            }
            batches.Add(new SampleBatch(inputs, Enumerable.Range(0, batchSize).Select(i => (i + b) % 5).ToArray()));
        }
        return batches;
    }

    /// <summary>ONNX Runtime on the CPU with its graph optimizations on (so QDQ groups become integer kernels).</summary>
    public static IModelBackend OnnxRuntime(Model model) => OnnxSession.FromModel(model, new SessionSettings());

    /// <summary>ONNX Runtime with its graph optimizations off (each node runs as written).</summary>
    public static IModelBackend OnnxRuntimeAsWritten(Model model) => OnnxSession.FromModel(model, new SessionSettings { OptimizationLevel = OptimizationLevel.None });

    /// <summary>OnnxKit's reference evaluator.</summary>
    public static IModelBackend ReferenceEvaluator(Model model) => new ReferenceModelBackend(model);

    /// <summary>Services calibrating and verifying on the given batches with ONNX Runtime.</summary>
    public static QuantizationServices Services(List<SampleBatch> batches, IBackend? backend = null) => new()
    {
        Backend = backend ?? new OnnxRuntimeBackend(),
        Calibration = batches,
        CalibrationDescription = "seeded uniform samples",
    };

    /// <summary>Runs <paramref name="model"/> on every batch and concatenates the values of output <paramref name="output"/>.</summary>
    public static float[] Outputs(Func<Model, IModelBackend> open, Model model, IEnumerable<SampleBatch> batches, string output)
    {
        using var backend = open(model);
        return batches.SelectMany(b => backend.Run(b.Inputs)[output].ToArray<float>()).ToArray();
    }

    /// <summary>Cosine similarity of two vectors.</summary>
    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            aa += (double)a[i] * a[i];
            bb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(aa * bb);
    }
}
