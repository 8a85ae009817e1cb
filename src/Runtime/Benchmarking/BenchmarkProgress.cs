namespace OnnxKit.Runtime.Benchmarking;

/// <summary>How far a benchmark has come, reported a few times a second.</summary>
/// <param name="Model">The model being measured.</param>
/// <param name="Batch">Its batch size, if set.</param>
/// <param name="Fraction">Done so far, from 0 to 1.</param>
public sealed record BenchmarkProgress(string Model, int? Batch, double Fraction);
