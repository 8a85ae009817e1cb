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

    /// <summary>The shapes of the first input set, as <c>name=AxB</c>, so a reader sees what the model was verified on.</summary>
    public IReadOnlyList<string> InputShapes { get; init; } = [];

    /// <summary>
    /// Why agreement says little even when it holds: an output of the original that is constant, all zeros or NaN on
    /// every verification input (the inputs are probably too small or unrealistic; give real ones with --input or sizes with --shape).
    /// </summary>
    public IReadOnlyList<string> Caveats { get; init; } = [];

    /// <summary>Backends asked for an opinion that could not run the original model, each with the reason.</summary>
    public IReadOnlyList<string> NotRunOn { get; init; } = [];

    /// <summary>Every backend whose verdict this is: <see cref="Backend"/>, then those of <see cref="SecondOpinions"/>.</summary>
    public IReadOnlyList<string> Backends => [Backend, .. SecondOpinions.Select(o => o.Backend)];

    /// <summary>True when the comparison ran and every output agreed, on every backend that gave a verdict.</summary>
    public bool Passed => NotRunBecause is null && Outputs.All(o => o.Passed) && SecondOpinions.All(o => o.Passed);

    /// <summary>One line for reports, naming the backend(s) each verdict came from.</summary>
    public string Summary => NotRunBecause is { } reason ? $"not verified: {reason}"
        : string.Join("; ", [$"{Verdict(true)} ({Backend})", .. SecondOpinions.Select(o => $"second opinion: {o.Verdict(false)} ({o.Backend})"), .. NotRunOn.Select(n => $"not run on {n}")]);

    /// <summary>The verdict of this backend; <paramref name="detailed"/> adds the input shapes and the caveats (said once, by the target runtime).</summary>
    private string Verdict(bool detailed) => NotRunBecause is { } reason ? $"not verified: {reason}"
        : Outputs.All(o => o.Passed) ? $"all {Outputs.Count} output(s) within {Tolerance} on {InputSets} input set(s)" +
            (detailed && InputShapes.Count > 0 ? $" of {string.Join(", ", InputShapes)}" : "") + (detailed ? string.Concat(Caveats.Select(c => $"; but {c}")) : "")
        : string.Join("; ", Outputs.Where(o => !o.Passed).Select(o => $"output '{o.Name}': {o.Problem}"));
}
