// Times the rewrite-rule passes over ONNX's conformance models: each model is loaded and typed by
// shape inference once (not timed), then every repetition runs the passes once on a fresh copy
// (the copy is not timed either). Prints the median processor time of a repetition in milliseconds
// (less disturbed than wall time on a shared machine), the median wall time, the bytes allocated,
// and the number of models the passes changed. benchmarks/rewrite-rules.sh runs it against two commits.
//   dotnet run -c Release --project benchmarks/RewriteRules -- [--repeat N] [--passes a,b,...] [--cases DIR]
using System.Diagnostics;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Serialization;
using OnnxKit.ShapeInference;

int repeat = 7;
string folder = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../../../../shared/onnx-backend-tests/node"));
string[] passNames = ["remove-no-ops", "fuse-threshold-clip", "fuse-gelu", "fuse-layer-norm", "fuse-softmax"];
for (int i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--repeat") repeat = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    if (args[i] == "--passes") passNames = args[i + 1].Split(',');
    if (args[i] == "--cases") folder = Path.GetFullPath(args[i + 1]);
}

if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"The conformance cases are not at {folder}.");
    return 2;
}
var models = new List<Model>();
foreach (string path in Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Select(d => Path.Combine(d, "model.onnx")).Where(File.Exists))
{
    var model = OnnxFile.Load(path);
    ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
    models.Add(model);
}

var registry = PassRegistry.Default;
var passes = passNames.Select(registry.Create).ToArray();
var context = new PassContext();
var times = new List<double>();
var walls = new List<double>();
var process = Process.GetCurrentProcess();
long bytes = 0;
int changed = 0;
for (int r = 0; r <= repeat; r++)
{
    var copies = models.Select(m => m.Clone()).ToList();
    changed = 0;
    GC.Collect();
    GC.WaitForPendingFinalizers();
    process.Refresh();
    var cpu = process.TotalProcessorTime;
    long allocated = GC.GetAllocatedBytesForCurrentThread();
    var clock = Stopwatch.StartNew();
    foreach (var copy in copies)
    {
        bool modified = false;
        foreach (var pass in passes) modified |= pass.Run(copy, context).Modified;
        if (modified) changed++;
    }
    clock.Stop();
    process.Refresh();
    if (r == 0) continue; // repetition 0 warms up
    times.Add((process.TotalProcessorTime - cpu).TotalMilliseconds);
    bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
    walls.Add(clock.Elapsed.TotalMilliseconds);
}
times.Sort();
walls.Sort();
Console.WriteLine($"{times[times.Count / 2]:F1} ms processor time (median over {repeat} repetitions; wall {walls[walls.Count / 2]:F1} ms); "
    + $"{bytes / 1e6:F1} MB allocated; {models.Count} models, {changed} changed by {string.Join(",", passNames)}");
return 0;
