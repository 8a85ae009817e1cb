namespace OnnxKit.Runtime.Benchmarking;

/// <summary>One variant measured against the first model (the baseline) at the same batch size.</summary>
/// <param name="Model">The variant.</param>
/// <param name="Baseline">The first model.</param>
/// <param name="Batch">The batch size both ran at.</param>
/// <param name="LatencyRatio">Variant p50 over baseline p50: below 1 is faster.</param>
/// <param name="ThroughputRatio">Variant throughput over baseline throughput: above 1 is faster.</param>
/// <param name="SessionCreationRatio">Variant session creation time over the baseline's.</param>
/// <param name="VariantP50">The variant's median latency in ms.</param>
/// <param name="BaselineP50">The baseline's median latency in ms.</param>
public sealed record BenchmarkComparison(string Model, string Baseline, int? Batch, double LatencyRatio, double ThroughputRatio,
    double SessionCreationRatio, double VariantP50, double BaselineP50)
{
    /// <summary>A variant whose p50 latency is more than this factor above the baseline's is flagged.</summary>
    public const double SlowerThreshold = 1.05;

    /// <summary>Compares every later model's results with the first model's at the same batch size.</summary>
    /// <param name="resultsPerModel">Each model's results, in the order the models were given.</param>
    public static IReadOnlyList<BenchmarkComparison> Build(IReadOnlyList<IReadOnlyList<BenchmarkResult>> resultsPerModel)
    {
        if (resultsPerModel.Count < 2) return [];
        var baselines = resultsPerModel[0];
        var rows = new List<BenchmarkComparison>();
        foreach (var variant in resultsPerModel.Skip(1).SelectMany(r => r))
        {
            var baseline = baselines.FirstOrDefault(r => r.Batch == variant.Batch);
            if (baseline is null) continue;
            rows.Add(new BenchmarkComparison(variant.Model, baseline.Model, variant.Batch,
                variant.Latency.P50 / baseline.Latency.P50, variant.ItemsPerSecond / baseline.ItemsPerSecond,
                variant.SessionCreationMilliseconds / baseline.SessionCreationMilliseconds, variant.Latency.P50, baseline.Latency.P50));
        }
        return rows;
    }

    /// <summary>
    /// Variants are benchmarked against a baseline because they are meant to be faster (fp16,
    /// int8, optimized); the warning for one that is slower, or null when it is not.
    /// </summary>
    public string? Warning => LatencyRatio <= SlowerThreshold ? null
        : $"{Path.GetFileName(Model)} is {LatencyRatio:0.00}× slower than {Path.GetFileName(Baseline)}{(Batch is int b ? $" at batch {b}" : "")} " +
          $"(p50 {VariantP50:0.###} ms vs {BaselineP50:0.###} ms).";
}
