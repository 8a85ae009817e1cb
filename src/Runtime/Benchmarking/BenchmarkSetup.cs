namespace OnnxKit.Runtime.Benchmarking;

/// <summary>The measurement settings recorded with a report.</summary>
/// <param name="Warmup">Untimed runs per caller.</param>
/// <param name="Iterations">Timed runs, when counted.</param>
/// <param name="DurationSeconds">Timed seconds, when timed.</param>
/// <param name="Concurrency">Callers at once.</param>
/// <param name="IntraOpThreads">ONNX Runtime's intra-op threads (0: automatic).</param>
/// <param name="RequestedProvider">The provider asked for.</param>
public sealed record BenchmarkSetup(int Warmup, int? Iterations, double? DurationSeconds, int Concurrency, int IntraOpThreads, string RequestedProvider);
