namespace OnnxKit.Optimizer;

/// <summary>The report of a file optimization: paths, sizes on disk (with external data; 0 for an output not written), the optimization report and notes.</summary>
public sealed record FileOptimizationReport(string InputPath, string OutputPath, long InputFileBytes, long OutputFileBytes,
    OptimizationReport Optimization, IReadOnlyList<string> Notes)
{
    /// <summary>True when nothing asked for failed: verification (if run) passed and a requested float16 conversion was kept.</summary>
    public bool Succeeded => Optimization.Verification is not { Passed: false, NotRunBecause: null } && Optimization.Float16?.UndoneBecause is null;

    /// <summary>False when nothing was written: the requested float16 conversion failed verification (and no keep-on-failure was asked).</summary>
    public bool Written { get; init; } = true;
}
