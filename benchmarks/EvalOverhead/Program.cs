// Measures what `onnxkit eval` costs over ONNX Runtime alone, in one process and one run. The data set is
// decoded once into memory (DataSources.Load, timed on its own) and both sides start from it:
//   baseline: an InferenceSession with the session options OnnxKit uses (same threads, optimization level and
//             execution mode) run on every batch, inputs already prepared as OrtValues over aligned memory
//             (no preprocessing, no gathering, no metrics);
//   eval:     EvaluationRunner end to end on the same model, in-memory data and batch size (preprocessing,
//             running through OnnxKit's session, gathering outputs, computing every measure).
// A third side, eval reading the same in-memory data ahead on a worker thread (as it reads files), shows what
// binding on the calling thread saves. Rounds alternate their order (the baseline first in even rounds, last in odd
// ones); the best and median round of each and their ratio are printed, and the ratio again with the one-off decoding of the files added to eval's side.
// Each round's own ratio (eval over the baseline timed next to it) is summarized by its median too. Every side is warmed
// 40 times first (tiered JIT) and timed after 100 ms idle (ONNX Runtime's spinning threads; see Settled).
// --spinning adds a probe of ONNX Runtime's spinning worker threads (see SpinningProbe).
// --rounds-detail prints every round; --measures-loop SECONDS only repeats the evaluation on recorded outputs (for a profiler).
// --threads N and --spin-us N|ort set both sides' sessions (default: one thread per core, and eval's short spin, which
// the baseline then also runs with ONNX Runtime's own spin, as a check that the short spin costs it nothing).
// Usage: EvalOverhead MODEL.onnx [--data fashion-mnist:test] [--scale 1/255] [--batch 256] [--rounds 5] [--threads N] [--spin-us N|ort]
//        [--spinning] [--rounds-detail] [--measures-loop SECONDS]
using System.Buffers;
using System.Diagnostics;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxKit.Data;
using OnnxKit.Data.Binding;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Evaluation;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Runtime;

string model = args[0];
string Option(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 ? args[i + 1] : fallback;
var spec = DataSpec.Parse(Option("--data", "fashion-mnist:test"));
string[] scaleParts = Option("--scale", "1/255").Split('/');
double scale = double.Parse(scaleParts[0]) / (scaleParts.Length > 1 ? double.Parse(scaleParts[1]) : 1);
int batch = int.Parse(Option("--batch", "256"));
int rounds = int.Parse(Option("--rounds", "5"));
var preprocessing = new PreprocessingOptions { Scale = scale };
var files = DataSources.Open(spec, preprocessing);

var decoding = new List<double>();
IDataSource data = null!;
for (int r = 0; r < 3; r++)
{
    var clock = Stopwatch.StartNew();
    data = DataSources.Load(files);
    decoding.Add(clock.Elapsed.TotalSeconds);
}

// As `onnxkit eval` opens its sessions: ONNX Runtime's threads spin for a short while after a run (--spin-us ort: ONNX
// Runtime's own spin), all cores unless --threads says otherwise.
string spinOption = Option("--spin-us", SessionSettings.ShortSpinMicroseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
var settings = new SessionSettings
{
    IntraOpThreads = int.Parse(Option("--threads", "0")),
    IntraOpSpinMicroseconds = spinOption == "ort" ? null : int.Parse(spinOption),
};
using var onnxKit = OnnxSession.Open(model, settings);
SessionOptions NativeOptions(int? spinMicroseconds)
{
    var options = new SessionOptions
    {
        IntraOpNumThreads = settings.IntraOpThreads,
        InterOpNumThreads = settings.InterOpThreads,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };
    if (spinMicroseconds is { } spin) options.AddSessionConfigEntry("session.intra_op.spin_duration_us", spin.ToString(System.Globalization.CultureInfo.InvariantCulture));
    return options;
}
using var sessionOptions = NativeOptions(settings.IntraOpSpinMicroseconds);
using var ort = new InferenceSession(model, sessionOptions);
// The baseline again with ONNX Runtime's own spin, to show the short spin costs ONNX Runtime alone nothing.
using var ownSpinOptions = NativeOptions(null);
using var ortOwnSpin = new InferenceSession(model, ownSpinOptions);
var binder = ModelInputBinder.Create(data, onnxKit.Inputs, preprocessing);
var bound = data.ReadBatches(batch).Select(binder.Bind).ToList();
var pins = new List<MemoryHandle>();
var prepared = bound.Select(b => b.ToDictionary(p => p.Key, p => Ort(p.Value, pins))).ToList();
string[] outputs = ort.OutputNames.ToArray();
using var runOptions = new RunOptions();

double Baseline() => Native(ort);

double Native(InferenceSession native)
{
    var clock = Stopwatch.StartNew();
    foreach (var inputs in prepared)
    {
        using var results = native.Run(runOptions, inputs.Keys.ToArray(), inputs.Values.ToArray(), outputs);
    }
    return clock.Elapsed.TotalSeconds;
}

double OnnxKitSession()
{
    var clock = Stopwatch.StartNew();
    foreach (var inputs in bound) onnxKit.Run(inputs);
    return clock.Elapsed.TotalSeconds;
}

double Bind()
{
    // Into the binder's reused buffers, as eval binds in-memory data.
    var clock = Stopwatch.StartNew();
    foreach (var b in data.ReadBatches(batch)) binder.Bind(b, reuseBuffers: true);
    return clock.Elapsed.TotalSeconds;
}

// Outputs recorded once, not every round: recording allocates each batch's inputs afresh, and that garbage would be
// collected during whichever side runs next.
var recorded = data.ReadBatches(batch).Select(b => onnxKit.Run(binder.Bind(b))).ToList();

double Measures()
{
    // The evaluation again, on the recorded outputs: what preprocessing, gathering and the measures cost alone.
    using var replay = new Replay(onnxKit, recorded);
    var clock = Stopwatch.StartNew();
    EvaluationRunner.Run([new EvaluatedModel(Path.GetFileName(model), replay)], data, new EvaluationOptions { BatchSize = batch, Preprocessing = preprocessing });
    return clock.Elapsed.TotalSeconds;
}

double Eval(IDataSource source)
{
    var clock = Stopwatch.StartNew();
    EvaluationRunner.Run([new EvaluatedModel(Path.GetFileName(model), onnxKit)], source, new EvaluationOptions { BatchSize = batch, Preprocessing = preprocessing });
    return clock.Elapsed.TotalSeconds;
}

if (Array.IndexOf(args, "--measures-loop") is var loop and >= 0)
{
    // For a profiler (perf with DOTNET_PerfMapEnabled=1): the evaluation on recorded outputs, again and again.
    double seconds = double.Parse(args[loop + 1]);
    for (int i = 0; i < 40; i++) Measures();
    var times = new List<double>();
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed.TotalSeconds < seconds) times.Add(Measures());
    times.Sort();
    Console.WriteLine($"preprocessing, gathering and measures on recorded outputs, {times.Count} times: p10 {times[times.Count / 10] * 1000:0.00} ms, median {times[times.Count / 2] * 1000:0.00} ms");
    return;
}

var readAheadData = new ReadAhead(data);
// Warm every side until the JIT has compiled its code fully: a method runs its first 30 calls unoptimized (tiered
// compilation), and much of the evaluation is called once per evaluation, so timing from the first rounds would time
// the JIT's progress, not the code.
for (int i = 0; i < 40; i++)
{
    Baseline();
    Native(ortOwnSpin);
    Eval(data);
    Eval(readAheadData);
    Bind();
    OnnxKitSession();
    Measures();
}
var baseline = new List<double>();
var ownSpin = new List<double>();
var eval = new List<double>();
var binding = new List<double>();
var session = new List<double>();
var measures = new List<double>();
var readAhead = new List<double>();
for (int r = 0; r < rounds; r++)
{
    // The baseline runs first in even rounds and after both eval sides in odd ones, so neither side always runs in
    // the same place (first after the previous round's other measurements, or right after the other side); the eval
    // sides alternate likewise.
    if (r % 2 == 0) baseline.Add(Settled(Baseline));
    if (r % 2 == 0) eval.Add(Settled(() => Eval(data)));
    readAhead.Add(Settled(() => Eval(readAheadData)));
    if (r % 2 == 1) eval.Add(Settled(() => Eval(data)));
    if (r % 2 == 1) baseline.Add(Settled(Baseline));
    if (settings.IntraOpSpinMicroseconds is not null) ownSpin.Add(Settled(() => Native(ortOwnSpin)));
    binding.Add(Settled(Bind));
    session.Add(Settled(OnnxKitSession));
    measures.Add(Settled(Measures));
}
// Each side starts on idle cores. After its last run, a session's intra-op worker thread spins, with ONNX Runtime's own
// spin for about 40 ms on this machine (a full core: measured as the process's CPU time in 10 ms steps after a run), and
// the benchmark holds several sessions, so a side timed right after another session ran shared the cores with that
// spinning thread: whichever side came second ran up to twice as long, and the medians swung with the order.
static double Settled(Func<double> side)
{
    Thread.Sleep(100);
    return side();
}

double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);
string Ms(double seconds) => (seconds * 1000).ToString("0.0");
Console.WriteLine($"{Path.GetFileName(model)} on {data.Description}, batch {batch}, {rounds} rounds, {Environment.ProcessorCount} cores");
string spinText = settings.IntraOpSpinMicroseconds is { } shortSpin ? $"threads spinning {shortSpin} us after a run" : "ONNX Runtime's own spin";
Console.WriteLine($"  sessions: {(settings.IntraOpThreads == 0 ? "one thread per core" : $"{settings.IntraOpThreads} intra-op threads")}, {spinText}");
Console.WriteLine($"  decoding the files into memory (once per process): best {Ms(decoding.Min())} ms, median {Ms(Median(decoding))} ms");
Console.WriteLine($"  ONNX Runtime alone: best {Ms(baseline.Min())} ms, median {Ms(Median(baseline))} ms");
if (ownSpin.Count > 0)
    Console.WriteLine($"  ONNX Runtime alone with its own spin: best {Ms(ownSpin.Min())} ms, median {Ms(Median(ownSpin))} ms ({ownSpin.Min() / baseline.Min():0.00}x / {Median(ownSpin) / Median(baseline):0.00}x the short spin's)");
Console.WriteLine($"  onnxkit eval:       best {Ms(eval.Min())} ms, median {Ms(Median(eval))} ms");
Console.WriteLine($"  onnxkit eval reading ahead on a worker thread (as from files): best {Ms(readAhead.Min())} ms, median {Ms(Median(readAhead))} ms, {readAhead.Min() / baseline.Min():0.00}x / {Median(readAhead) / Median(baseline):0.00}x");
Console.WriteLine($"  OnnxKit's session alone (IModelBackend.Run): best {Ms(session.Min())} ms, median {Ms(Median(session))} ms");
Console.WriteLine($"  preprocessing alone: best {Ms(binding.Min())} ms, median {Ms(Median(binding))} ms");
Console.WriteLine($"  preprocessing, gathering and measures on recorded outputs: best {Ms(measures.Min())} ms, median {Ms(Median(measures))} ms");
Console.WriteLine($"  eval / ORT alone:   best {eval.Min() / baseline.Min():0.00}x, median {Median(eval) / Median(baseline):0.00}x (goal: at most 1.20x)");
if (ownSpin.Count > 0)
    Console.WriteLine($"  eval / ORT alone with its own spin: best {eval.Min() / ownSpin.Min():0.00}x, median {Median(eval) / Median(ownSpin):0.00}x");
// Each round's own ratio, eval against the baseline timed next to it: on a shared machine the load shifts between rounds,
// and a round's two sides see more nearly the same load than the best or median rounds of each side do.
double PairedMedian(List<double> side) => Median(side.Zip(baseline, (a, b) => a / b).ToList());
Console.WriteLine($"  median of each round's ratio: eval {PairedMedian(eval):0.00}x, reading ahead {PairedMedian(readAhead):0.00}x");
Console.WriteLine($"  (eval + decoding) / ORT alone: best {(eval.Min() + decoding.Min()) / baseline.Min():0.00}x, median {(Median(eval) + Median(decoding)) / Median(baseline):0.00}x");

if (args.Contains("--rounds-detail"))
{
    // Every round, to tell a burst of load from elsewhere (both sides slow in the same rounds) from a side's own spread.
    for (int r = 0; r < rounds; r++)
        Console.WriteLine($"    round {r}: ORT alone {Ms(baseline[r])}, eval {Ms(eval[r])}, reading ahead {Ms(readAhead[r])}, session {Ms(session[r])}, measures {Ms(measures[r])} ms");
}
if (args.Contains("--spinning")) SpinningProbe();

// Whether the measures at the end can use the second core: ONNX Runtime's intra-op worker threads spin for a while
// after each run (the baseline's session: the short spin eval uses, unless --spin-us says otherwise; ONNX Runtime's own
// spin is about a million pause loops) unless the session stops them when a run returns (session.force_spinning_stop),
// which costs a wake-up at the next run instead. Times the whole inference on the prepared batches with each session,
// and right after it the ten per-class rankings, one after another or on the thread pool.
void SpinningProbe()
{
    using var stoppingOptions = new SessionOptions
    {
        IntraOpNumThreads = settings.IntraOpThreads,
        InterOpNumThreads = settings.InterOpThreads,
        GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
    };
    stoppingOptions.AddSessionConfigEntry("session.force_spinning_stop", "1");
    using var stopping = new InferenceSession(model, stoppingOptions);
    var scores = recorded.SelectMany(r => r[outputs[0]].ToArray<float>()).Select(v => (double)v).ToArray();
    var labels = data.ReadBatches(batch).SelectMany(b => ClassLabels(b.Labels.Values.First())).ToArray();
    int classes = scores.Length / labels.Length;
    var columns = Enumerable.Range(0, classes).Select(c => Enumerable.Range(0, labels.Length).Select(i => scores[i * classes + c]).ToArray()).ToArray();
    var positives = Enumerable.Range(0, classes).Select(c => labels.Select(l => l == c).ToArray()).ToArray();
    var times = new Dictionary<string, List<double>>();
    void Add(string key, double seconds) => (times.TryGetValue(key, out var list) ? list : times[key] = []).Add(seconds);
    for (int r = 0; r < rounds; r++)
    {
        foreach (var (name, native) in new[] { ($"the baseline's session ({spinText})", ort), ("ONNX Runtime's own spin with force_spinning_stop", stopping) })
        {
            foreach (bool parallel in new[] { r % 2 == 0, r % 2 != 0 })
            {
                var clock = Stopwatch.StartNew();
                foreach (var inputs in prepared)
                {
                    using var results = native.Run(runOptions, inputs.Keys.ToArray(), inputs.Values.ToArray(), outputs);
                }
                Add($"{name}: inference", clock.Elapsed.TotalSeconds);
                clock.Restart();
                if (parallel) Parallel.For(0, classes, c => ScoreRanking.Of(columns[c], positives[c]).Dispose());
                else for (int c = 0; c < classes; c++) ScoreRanking.Of(columns[c], positives[c]).Dispose();
                Add($"{name}: then the {classes} rankings {(parallel ? "on the thread pool" : "one after another")}", clock.Elapsed.TotalSeconds);
            }
        }
    }
    Console.WriteLine("  ONNX Runtime's spinning worker threads (the same prepared batches):");
    foreach (var (key, list) in times) Console.WriteLine($"    {key}: best {Ms(list.Min())} ms, median {Ms(Median(list))} ms");
}

// A batch's class labels whatever integer type the data stores them in (IDX files: bytes; .npz: often int64).
static long[] ClassLabels(ITensor labels)
{
    var raw = labels.GetRawData().ToArray();
    return Enumerable.Range(0, checked((int)labels.ElementCount)).Select(i => (long)ElementDecoder.ReadAsDouble(labels.DataType, raw, i)).ToArray();
}

// Over the binder's own memory, which is pinned and aligned as OnnxKit hands inputs to ONNX Runtime.
static OrtValue Ort(ITensor tensor, List<MemoryHandle> pins)
{
    if (tensor.DataType != DataType.Float) throw new NotSupportedException($"The benchmark feeds float inputs only, not {tensor.DataType}.");
    var pin = tensor.GetRawData().Pin();
    pins.Add(pin);
    unsafe
    {
        return OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, TensorElementType.Float, tensor.Dims.ToArray(), (IntPtr)pin.Pointer, tensor.ByteCount);
    }
}

/// <summary>Answers each run with the next recorded outputs, in order, for timing what eval does besides running the model.</summary>
sealed class Replay(IModelBackend model, List<IReadOnlyDictionary<string, ITensor>> outputs) : IModelBackend
{
    private int next;

    public string Name => "replay";

    public IReadOnlyList<TensorSpec> Inputs => model.Inputs;

    public IReadOnlyList<TensorSpec> Outputs => model.Outputs;

    public IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default) => outputs[next++];

    public void Dispose()
    {
    }
}

/// <summary>The in-memory data presented as if read from files, so the runner reads it ahead on a worker thread as it does files.</summary>
sealed class ReadAhead(IDataSource inner) : IDataSource
{
    public string Name => inner.Name;

    public string Description => inner.Description;

    public long? Count => inner.Count;

    public IReadOnlyList<DataField> Features => inner.Features;

    public IReadOnlyList<DataField> Labels => inner.Labels;

    public IReadOnlyList<string>? ClassNames => inner.ClassNames;

    public IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default) =>
        inner.ReadBatches(batchSize, progress, cancellationToken);
}
