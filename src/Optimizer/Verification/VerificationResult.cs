using OnnxKit.Execution;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// The verdict on a candidate model: every output compared (<see cref="Passed"/>), or a reason the
/// comparison could not be made (<see cref="NotRunBecause"/>: the original or candidate would not run).
/// A verdict from several backends (<see cref="CrossBackendVerifier"/>) is led by the target runtime's
/// (<see cref="Backend"/>, <see cref="Outputs"/>) and carries the others as <see cref="SecondOpinions"/>.
/// </summary>
public sealed record VerificationResult(string Backend, int InputSets, Tolerance Tolerance, IReadOnlyList<OutputComparison> Outputs, string? NotRunBecause = null)
{
    /// <summary>The verdicts of further backends that ran the same candidate on the same inputs, each against the original run on that backend.</summary>
    public IReadOnlyList<VerificationResult> SecondOpinions { get; init; } = [];

    /// <summary>Backends asked for an opinion that could not run the original model, each with the reason.</summary>
    public IReadOnlyList<string> NotRunOn { get; init; } = [];

    /// <summary>Every backend whose verdict this is: <see cref="Backend"/>, then those of <see cref="SecondOpinions"/>.</summary>
    public IReadOnlyList<string> Backends => [Backend, .. SecondOpinions.Select(o => o.Backend)];

    /// <summary>True when the comparison ran and every output agreed, on every backend that gave a verdict.</summary>
    public bool Passed => NotRunBecause is null && Outputs.All(o => o.Passed) && SecondOpinions.All(o => o.Passed);

    /// <summary>One line for reports, naming the backend(s) each verdict came from.</summary>
    public string Summary => NotRunBecause is { } reason ? $"not verified: {reason}"
        : string.Join("; ", [$"{Verdict} ({Backend})", .. SecondOpinions.Select(o => $"second opinion: {o.Verdict} ({o.Backend})"), .. NotRunOn.Select(n => $"not run on {n}")]);

    private string Verdict => NotRunBecause is { } reason ? $"not verified: {reason}"
        : Outputs.All(o => o.Passed) ? $"all {Outputs.Count} output(s) within {Tolerance} on {InputSets} input set(s)"
        : string.Join("; ", Outputs.Where(o => !o.Passed).Select(o => $"output '{o.Name}': {o.Problem}"));
}
