// One process of benchmarks/verification-sessions.sh: the ONNX Runtime work of one verification, done the way
// `onnxkit optimize` does it (OnnxRuntimeBackend.AsWritten: graph optimizations off, one intra-op thread, weights
// handed over in memory; one seeded random input set from VerificationInputs), for each model given, in order: a
// session created, run once and disposed. Given the original and the optimized model, that is today's design, two
// sessions; given one model that holds both (the script merges them, sharing the inputs), it is the one-session design.
// ONNX Runtime's library is loaded and the models are read before the clock starts. Prints one line per model and a
// total: wall and process CPU milliseconds.
//
//   dotnet VerificationSessions.dll MODEL...
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Verification;
using OnnxKit.Runtime;
using OnnxKit.Serialization;

if (args.Length == 0)
{
    Console.Error.WriteLine("usage: VerificationSessions MODEL...");
    return 2;
}
_ = OrtEnv.Instance();
var models = args.Select(path => OnnxFile.Load(path)).ToList();
var inputs = models.Select(m => VerificationInputs.Create(m, 1, 0, new Dictionary<string, ITensor>(), ShapeOverrides.None, [], out _)
    ?? throw new InvalidOperationException("no random inputs for this model")).ToList();
var process = Process.GetCurrentProcess();
var wall = Stopwatch.StartNew();
var cpu = process.TotalProcessorTime;
for (int i = 0; i < models.Count; i++)
{
    var (startWall, startCpu) = (wall.Elapsed, Cpu());
    using var session = OnnxRuntimeBackend.AsWritten.Prepare(models[i]);
    var (createdWall, createdCpu) = (wall.Elapsed, Cpu());
    _ = session.Run(inputs[i][0]);
    Console.WriteLine($"{Path.GetFileName(args[i]),-32} session {Ms(createdWall - startWall),7} ms wall {Ms(createdCpu - startCpu),7} ms CPU"
        + $"   run {Ms(wall.Elapsed - createdWall),7} ms wall {Ms(Cpu() - createdCpu),7} ms CPU");
}
Console.WriteLine($"total {Ms(wall.Elapsed)} {Ms(Cpu() - cpu)}");
return 0;

TimeSpan Cpu()
{
    process.Refresh();
    return process.TotalProcessorTime;
}

static string Ms(TimeSpan t) => t.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture);
