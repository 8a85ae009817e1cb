using OnnxKit.Execution;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// The verdict on a candidate model: every output compared (<see cref="Passed"/>), or a reason the
/// comparison could not be made (<see cref="NotRunBecause"/>: the original or candidate would not run).
/// </summary>
public sealed record VerificationResult(string Backend, int InputSets, Tolerance Tolerance, IReadOnlyList<OutputComparison> Outputs, string? NotRunBecause = null)
{
    /// <summary>True when the comparison ran and every output agreed.</summary>
    public bool Passed => NotRunBecause is null && Outputs.All(o => o.Passed);

    /// <summary>One line for reports.</summary>
    public string Summary => NotRunBecause is { } reason ? $"not verified: {reason}"
        : Passed ? $"all {Outputs.Count} output(s) within {Tolerance} on {InputSets} input set(s) ({Backend})"
        : string.Join("; ", Outputs.Where(o => !o.Passed).Select(o => $"output '{o.Name}': {o.Problem}"));
}
