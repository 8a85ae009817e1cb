namespace OnnxKit.Optimizer;

/// <summary>The report of a file optimization: paths, sizes on disk (with external data; 0 for an output not written), the optimization report and notes.</summary>
public sealed record FileOptimizationReport(string InputPath, string OutputPath, long InputFileBytes, long OutputFileBytes,
    OptimizationReport Optimization, IReadOnlyList<string> Notes)
{
    /// <summary>
    /// True when nothing asked for failed: verification, unless turned off with <c>--verify 0</c>, ran and passed
    /// (a model that could not be verified is not a success), and a requested float16 conversion was kept.
    /// </summary>
    public bool Succeeded => Optimization.Verification is null or { Passed: true } && Optimization.Float16?.UndoneBecause is null;

    /// <summary>True when verification was asked for but could not run (no inputs it could make, or the original model would not run).</summary>
    public bool NotVerified => Optimization.Verification?.NotRunBecause is not null;

    /// <summary>False when nothing was written: the requested float16 conversion failed verification, or verification could not run (and no keep-on-failure was asked).</summary>
    public bool Written { get; init; } = true;
}
