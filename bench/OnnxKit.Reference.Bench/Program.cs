using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxKit.Reference;
using OnnxKit.Reference.Bench;
using OnnxKit.Serialization;

// Times ResNet-50 (224×224, batch 1) on the reference evaluator and on ONNX Runtime (CPU, default
// settings), checks that both give the same logits, and prints the medians and their ratio.
int runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var model = ResNet50Builder.Build();
long parameters = model.Graph.Initializers.Sum(v => v.ConstValue!.ElementCount);
string path = Path.Combine(Path.GetTempPath(), $"onnxkit-resnet50-{Environment.ProcessId}.onnx");
OnnxFile.Save(model, path);
try
{
    var random = new Random(1);
    var image = Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)random.NextDouble()).ToArray();

    var session = new ReferenceSession(OnnxFile.Load(path));
    var input = TensorValue.FromFloats(image, 1, 3, 224, 224);
    float[] referenceLogits = [];
    var referenceTimes = Time(runs, () => referenceLogits = ((TensorValue)session.Run([input])[0]).AsSpan<float>().ToArray());

    using var ort = new InferenceSession(path);
    var feed = new[] { NamedOnnxValue.CreateFromTensor("image", new DenseTensor<float>(image, [1, 3, 224, 224])) };
    float[] ortLogits = [];
    var ortTimes = Time(runs, () =>
    {
        using var results = ort.Run(feed);
        ortLogits = results[0].AsEnumerable<float>().ToArray();
    });

    double maxDiff = referenceLogits.Zip(ortLogits, (a, b) => Math.Abs(a - b)).Max();
    double scale = ortLogits.Max(Math.Abs);
    double reference = Median(referenceTimes), onnxRuntime = Median(ortTimes);
    Console.WriteLine($"ResNet-50, 224x224, batch 1, {parameters:N0} parameters, {Environment.ProcessorCount} cores, {runs} timed runs after 1 warm-up");
    Console.WriteLine($"reference evaluator: median {reference:F0} ms (min {referenceTimes.Min():F0})");
    Console.WriteLine($"ONNX Runtime CPU:    median {onnxRuntime:F0} ms (min {ortTimes.Min():F0})");
    Console.WriteLine($"ratio reference/ORT: {reference / onnxRuntime:F1}x");
    Console.WriteLine($"logits agree: max |difference| {maxDiff:G3} (largest |logit| {scale:G3}); same top-1: {ArgMax(referenceLogits) == ArgMax(ortLogits)}");
}
finally
{
    File.Delete(path);
}

static double[] Time(int runs, Action run)
{
    run();
    var times = new double[runs];
    for (int i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        run();
        times[i] = clock.Elapsed.TotalMilliseconds;
    }
    return times;
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
