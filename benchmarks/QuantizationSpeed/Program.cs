// Static INT8 against float32 on ONNX Runtime's CPU provider, measured in one run:
//   dotnet run -c Release --project benchmarks/QuantizationSpeed [-- MODEL ... [--rounds N] [--batches 1,8]]
// Each zoo model (default: resnet50-v1 and mobilenet-v2, opset 17, 224×224) is exported, optimized
// (BatchNormalization folded), and quantized (QDQ, uint8 activations, int8 per-channel weights) with
// RANDOM calibration: speed does not depend on the ranges, and no real images ship with the repository,
// so no accuracy is claimed here (docs/quantization.md has accuracy on trained Fashion-MNIST models).
// Float and INT8 sessions run interleaved: each round times a block of float runs and a block of INT8
// runs, alternating which goes first, so load from other processes falls on both alike. The table gives
// median latencies and throughputs over all rounds and the ratio of the medians, plus the median of the
// per-round ratios as a check on noise. Then ONNX Runtime's profiler shows where each model spends its time.
using System.Diagnostics;
using System.Globalization;
using OnnxKit.Exporter.Export;
using OnnxKit.Ir;
using OnnxKit.Models;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Benchmarking;

var models = args.TakeWhile(a => !a.StartsWith("--", StringComparison.Ordinal)).DefaultIfEmpty().Where(a => a is not null).Cast<string>().ToList();
if (models.Count == 0) models = ["resnet50-v1", "mobilenet-v2"];
int rounds = Option("--rounds", 7);
var batches = (OptionText("--batches") ?? "1,8").Split(',').Select(b => int.Parse(b, CultureInfo.InvariantCulture)).ToArray();
var invariant = CultureInfo.InvariantCulture;

Console.WriteLine($"{Environment.ProcessorCount} logical CPU(s); ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}; {rounds} rounds");
Console.WriteLine("| Model | Batch | float32 p50 (ms) | INT8 p50 (ms) | float32 items/s | INT8 items/s | throughput ratio | median of per-round ratios |");
Console.WriteLine("|---|---|---|---|---|---|---|---|");
var profiles = new List<string>();
foreach (var name in models)
{
    var exported = ModelZoo.Create(name).ToOnnx(new ExportOptions { Opset = 17, Seed = 7 });
    var optimized = ModelOptimizer.Optimize(exported, new OptimizeOptions()).Model;
    var quantized = ModelQuantizer.Quantize(optimized, new QuantizeOptions { Verify = false }, new QuantizationServices
    {
        Backend = new OnnxRuntimeBackend(),
        Calibration = RandomBatches(optimized, 4, 2),
        CalibrationIsRandom = true,
    });
    foreach (var warning in quantized.Report.Warnings) Console.Error.WriteLine($"warning ({name}): {warning}");
    foreach (int batch in batches)
    {
        var (floatTimes, int8Times, roundRatios) = Interleaved(optimized, quantized.Model, batch, rounds, runsPerBlock: batch == 1 ? 8 : 2);
        double f = Median(floatTimes), q = Median(int8Times);
        Console.WriteLine(string.Create(invariant,
            $"| {name} | {batch} | {f:0.0} | {q:0.0} | {1000 * batch / f:0.0} | {1000 * batch / q:0.0} | {f / q:0.00}× | {Median(roundRatios):0.00}× |"));
    }
    profiles.Add(Profile(name, "float32", optimized));
    profiles.Add(Profile(name, "INT8", quantized.Model));
}
Console.WriteLine();
foreach (var profile in profiles) Console.WriteLine(profile);

(List<double> Float, List<double> Int8, List<double> Ratios) Interleaved(Model floatModel, Model int8Model, int batch, int rounds, int runsPerBlock)
{
    using var floatSession = OnnxSession.FromModel(floatModel, new SessionSettings());
    using var int8Session = OnnxSession.FromModel(int8Model, new SessionSettings());
    var input = floatModel.Graph.Inputs.Single(i => !floatModel.Graph.Initializers.Contains(i.Name));
    long[] dims = [batch, .. input.TensorType!.Shape!.Skip(1).Select(d => d.Value!.Value)];
    using var floatBinding = floatSession.Bind(new Dictionary<string, long[]> { [input.Name] = dims });
    using var int8Binding = int8Session.Bind(new Dictionary<string, long[]> { [input.Name] = dims });
    var random = new Random(1);
    foreach (var binding in new[] { floatBinding, int8Binding })
    {
        var data = binding.Input<float>(0);
        for (int i = 0; i < data.Length; i++) data[i] = (float)random.NextDouble();
        for (int w = 0; w < 3; w++) binding.Run();
    }
    List<double> floatTimes = [], int8Times = [], ratios = [];
    for (int r = 0; r < rounds; r++)
    {
        var order = r % 2 == 0 ? new[] { (floatBinding, floatTimes), (int8Binding, int8Times) } : [(int8Binding, int8Times), (floatBinding, floatTimes)];
        var block = new Dictionary<SessionBinding, List<double>>();
        foreach (var (binding, times) in order)
        {
            var these = new List<double>();
            for (int k = 0; k < runsPerBlock; k++)
            {
                var clock = Stopwatch.StartNew();
                binding.Run();
                these.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.AddRange(these);
            block[binding] = these;
        }
        ratios.Add(Median(block[floatBinding]) / Median(block[int8Binding]));
    }
    return (floatTimes, int8Times, ratios);
}

string Profile(string name, string variant, Model model)
{
    string prefix = Path.Combine(Path.GetTempPath(), $"onnxkit-quant-speed-{Guid.NewGuid():N}");
    using var session = OnnxSession.FromModel(model, new SessionSettings { ProfilePrefix = prefix });
    var input = model.Graph.Inputs.Single(i => !model.Graph.Initializers.Contains(i.Name));
    long[] dims = [1, .. input.TensorType!.Shape!.Skip(1).Select(d => d.Value!.Value)];
    var inputs = new Dictionary<string, ITensor> { [input.Name] = DenseTensor.FromFloats(new float[dims.Aggregate(1L, (a, b) => a * b)], dims) };
    for (int k = 0; k < 5; k++) session.Run(inputs);
    string path = session.EndProfiling()!;
    try
    {
        var ops = ProfileReader.TopOperators(path, 12);
        return $"{name}, {variant}, batch 1 (ONNX Runtime profiler, 5 runs): " +
            string.Join(", ", ops.Select(o => string.Create(invariant, $"{o.OpType} {o.Percent:0.#}%")));
    }
    finally
    {
        File.Delete(path);
    }
}

static List<SampleBatch> RandomBatches(Model model, int count, int batch)
{
    var random = new Random(3);
    var input = model.Graph.Inputs.Single(i => !model.Graph.Initializers.Contains(i.Name));
    long[] dims = [batch, .. input.TensorType!.Shape!.Skip(1).Select(d => d.Value!.Value)];
    return Enumerable.Range(0, count).Select(_ => new SampleBatch(new Dictionary<string, ITensor>
    {
        [input.Name] = DenseTensor.FromFloats(Enumerable.Range(0, (int)dims.Aggregate(1L, (a, b) => a * b)).Select(_ => (float)random.NextDouble()).ToArray(), dims),
    })).ToList();
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
}

int Option(string name, int fallback) => OptionText(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;

string? OptionText(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
