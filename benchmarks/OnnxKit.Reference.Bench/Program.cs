using System.Diagnostics;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Reference;
using OnnxKit.Reference.Bench;
using OnnxKit.Runtime;

// Times ResNet-50 (224×224, batch 1) on the reference evaluator and on ONNX Runtime (CPU provider,
// default settings) through the same IModelBackend interface, checks that both give the same logits,
// and prints the medians and their ratio.
int runs = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 5;
var model = ResNet50Builder.Build();
long parameters = model.Graph.Initializers.Sum(v => v.ConstValue!.ElementCount);
var random = new Random(1);
var image = Enumerable.Range(0, 3 * 224 * 224).Select(_ => (float)random.NextDouble()).ToArray();
var inputs = new Dictionary<string, ITensor> { ["image"] = DenseTensor.FromFloats(image, [1, 3, 224, 224]) };

using var reference = new ReferenceModelBackend(model);
using var onnxRuntime = OnnxSession.FromModel(model);
var (referenceTimes, referenceLogits) = Time(reference, inputs, runs);
var (ortTimes, ortLogits) = Time(onnxRuntime, inputs, runs);

double maxDiff = referenceLogits.Zip(ortLogits, (a, b) => Math.Abs(a - b)).Max();
double referenceMedian = Median(referenceTimes), ortMedian = Median(ortTimes);
Console.WriteLine($"ResNet-50, 224x224, batch 1, {parameters:N0} parameters, {Environment.ProcessorCount} cores, {runs} timed runs after 1 warm-up");
Console.WriteLine($"reference evaluator: median {referenceMedian:F0} ms (min {referenceTimes.Min():F0})");
Console.WriteLine($"ONNX Runtime CPU:    median {ortMedian:F0} ms (min {ortTimes.Min():F0})");
Console.WriteLine($"ratio reference/ORT: {referenceMedian / ortMedian:F1}x (best runs {referenceTimes.Min() / ortTimes.Min():F1}x)");
Console.WriteLine($"logits agree: max |difference| {maxDiff:G3} (largest |logit| {ortLogits.Max(Math.Abs):G3}); same top-1: {ArgMax(referenceLogits) == ArgMax(ortLogits)}");

static (double[] Times, float[] Logits) Time(IModelBackend backend, Dictionary<string, ITensor> inputs, int runs)
{
    float[] logits = backend.Run(inputs)["logits"].ToArray<float>();
    var times = new double[runs];
    for (int i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        logits = backend.Run(inputs)["logits"].ToArray<float>();
        times[i] = clock.Elapsed.TotalMilliseconds;
    }
    return (times, logits);
}

static double Median(double[] values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());
