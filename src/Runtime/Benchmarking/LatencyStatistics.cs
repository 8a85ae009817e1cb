namespace OnnxKit.Runtime.Benchmarking;

/// <summary>Latency percentiles in milliseconds (nearest-rank: the smallest sample with at least p% of samples at or below it).</summary>
public sealed record LatencyStatistics(int Count, double Mean, double Min, double P50, double P90, double P95, double P99, double P999, double Max)
{
    /// <summary>Summarizes samples in milliseconds (sorts a copy).</summary>
    public static LatencyStatistics From(IEnumerable<double> milliseconds)
    {
        double[] sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No samples.", nameof(milliseconds));
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(Math.Round(p / 100 * sorted.Length, 9)) - 1, 0, sorted.Length - 1)];
        return new(sorted.Length, sorted.Average(), sorted[0], Rank(50), Rank(90), Rank(95), Rank(99), Rank(99.9), sorted[^1]);
    }
}
