namespace OnnxKit.Runtime.Benchmarking;

/// <summary>One model measured at one batch size.</summary>
/// <param name="Model">The model file's path.</param>
/// <param name="Batch">The batch size set on the inputs, or null for the model's own shapes.</param>
/// <param name="InputShapes">The input shapes used, as <c>name=AxB</c>.</param>
/// <param name="Provider">The execution provider that ran it.</param>
/// <param name="Concurrency">Callers running at once.</param>
/// <param name="SessionCreationMilliseconds">Creating the session (load, optimize, build engines).</param>
/// <param name="FirstRunMilliseconds">The first run, which includes one-time work in ONNX Runtime.</param>
/// <param name="Latency">Per-run latency of the timed runs.</param>
/// <param name="RunsPerSecond">Timed runs completed per second of wall time.</param>
/// <param name="ItemsPerSecond">Runs per second times the batch size.</param>
/// <param name="CpuPercent">Process CPU time over wall time, as a percentage of all cores.</param>
/// <param name="PeakWorkingSetBytes">The process's peak resident memory so far.</param>
/// <param name="ManagedBytesPerRun">Managed memory the callers allocated per timed run (0 is the goal).</param>
/// <param name="Profile">With profiling on, the operators that took the most time.</param>
/// <param name="Notes">Caveats: open dims set to 1, provider fallbacks, profiling overhead.</param>
public sealed record BenchmarkResult(
    string Model,
    int? Batch,
    IReadOnlyList<string> InputShapes,
    string Provider,
    int Concurrency,
    double SessionCreationMilliseconds,
    double FirstRunMilliseconds,
    LatencyStatistics Latency,
    double RunsPerSecond,
    double ItemsPerSecond,
    double CpuPercent,
    long PeakWorkingSetBytes,
    double ManagedBytesPerRun,
    IReadOnlyList<OpTime>? Profile,
    IReadOnlyList<string> Notes);
