namespace OnnxKit.Runtime.Benchmarking;

/// <summary>Everything <c>onnxkit bench</c> measured, with the machine it ran on.</summary>
/// <param name="Machine">Processor, cores, memory and versions.</param>
/// <param name="Options">Warmup, iterations or duration, concurrency and threads used.</param>
/// <param name="Results">One result per model and batch size, in the order measured.</param>
/// <param name="Comparisons">Each variant against the first model.</param>
/// <param name="Warnings">Variants slower than the first model.</param>
public sealed record BenchmarkReport(MachineInfo Machine, BenchmarkSetup Options, IReadOnlyList<BenchmarkResult> Results,
    IReadOnlyList<BenchmarkComparison> Comparisons, IReadOnlyList<string> Warnings)
{
    /// <summary>
    /// Benchmarks each model in turn and compares the variants with the first. Cancelling (Ctrl+C)
    /// ends the measurement gracefully: the report covers what was measured until then, with a
    /// warning saying it was interrupted; cancelling before anything was timed throws.
    /// </summary>
    public static BenchmarkReport Measure(IReadOnlyList<string> models, BenchmarkOptions options,
        IProgress<BenchmarkProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        if (models.Count == 0) throw new OnnxKitException("Give at least one model to benchmark.");
        ModelBenchmark.WarmUp(models[0], options);
        var perModel = new List<IReadOnlyList<BenchmarkResult>>();
        foreach (string model in models)
        {
            try
            {
                perModel.Add(ModelBenchmark.Run(model, options, progress, cancellationToken));
            }
            catch (OperationCanceledException) when (perModel.Count > 0)
            {
            }
            if (cancellationToken.IsCancellationRequested) break;
        }
        var comparisons = BenchmarkComparison.Build(perModel);
        var warnings = comparisons.Select(c => c.Warning).OfType<string>().ToList();
        if (cancellationToken.IsCancellationRequested)
            warnings.Add($"Interrupted: {perModel.Count} of {models.Count} model(s) measured; the last one's figures cover the runs timed before the interruption.");
        var results = perModel.SelectMany(r => r).ToArray();
        var setup = new BenchmarkSetup(options.Warmup, options.Duration is null ? options.Iterations : null, options.Duration?.TotalSeconds,
            options.Concurrency, options.Session.IntraOpThreads, options.Session.Provider.ToString());
        return new BenchmarkReport(MachineInfo.Collect(), setup, results, comparisons, warnings);
    }
}
