using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// Checks candidates on several backends: each runs the original once (a backend that cannot is left
/// out and named in <see cref="VerificationResult.NotRunOn"/>) and then every candidate, and a
/// candidate passes only when it agrees with the original on every backend that ran it. The first
/// backend able to run the original is the target whose verdict leads the result; the rest are
/// second opinions. Float16 conversions use it with ONNX Runtime as the target (what users deploy on)
/// and the reference evaluator, which computes float16 operators in float16, as the second opinion.
/// </summary>
public sealed class CrossBackendVerifier : IPassVerifier
{
    private readonly IReadOnlyList<ModelVerifier> usable;
    private readonly IReadOnlyList<string> notRunOn;
    private readonly int inputSets;

    /// <summary>
    /// Runs <paramref name="original"/> on <paramref name="inputSets"/> on each of <paramref name="backends"/> now, in order of
    /// precedence; <paramref name="cancellationToken"/> stops these runs and the later verification runs (Ctrl+C).
    /// </summary>
    public CrossBackendVerifier(Model original, IReadOnlyList<IBackend> backends, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets, Tolerance tolerance,
        CancellationToken cancellationToken = default)
    {
        if (backends.Count == 0) throw new ArgumentException("At least one backend is needed.", nameof(backends));
        var verifiers = backends.Select(b => new ModelVerifier(original, b, inputSets, tolerance, cancellationToken)).ToList();
        usable = verifiers.Where(v => v.CanVerify).ToList();
        notRunOn = verifiers.Where(v => !v.CanVerify).Select(v => v.Verify(original).NotRunBecause!).ToList();
        this.inputSets = inputSets.Count;
        Tolerance = tolerance;
    }

    private CrossBackendVerifier(CrossBackendVerifier source, Tolerance tolerance)
    {
        usable = source.usable.Select(v => v.WithTolerance(tolerance)).ToList();
        notRunOn = source.notRunOn;
        inputSets = source.inputSets;
        Tolerance = tolerance;
    }

    /// <summary>This verifier holding candidates to <paramref name="tolerance"/> instead, on the original's outputs already computed on every backend (it does not run again).</summary>
    public CrossBackendVerifier WithTolerance(Tolerance tolerance) => new(this, tolerance);

    /// <summary>The tolerance outputs are held to.</summary>
    public Tolerance Tolerance { get; }

    /// <summary>True when at least one backend ran the original, so candidates can be judged.</summary>
    public bool CanVerify => usable.Count > 0;

    /// <summary>The backend whose verdict leads: the first that ran the original (null when none did).</summary>
    public IBackend? Target => usable.Count > 0 ? usable[0].Backend : null;

    /// <summary>
    /// Runs <paramref name="candidate"/> on every usable backend and compares its outputs with the
    /// original's there; with <paramref name="stopAtFirstFailure"/>, backends after the first that
    /// disagrees are not asked (a search needs only the yes or no).
    /// </summary>
    public VerificationResult Verify(Model candidate, bool stopAtFirstFailure = false)
    {
        if (usable.Count == 0) return new VerificationResult("none", inputSets, Tolerance, [], $"no backend could run the original model ({string.Join("; ", notRunOn)})");
        var target = usable[0].Verify(candidate);
        var opinions = new List<VerificationResult>();
        foreach (var verifier in usable.Skip(1))
        {
            if (stopAtFirstFailure && !(target.Passed && opinions.All(o => o.Passed))) break;
            opinions.Add(verifier.Verify(candidate));
        }
        return target with { SecondOpinions = opinions, NotRunOn = notRunOn };
    }

    /// <inheritdoc/>
    string? IPassVerifier.Check(Model candidate)
    {
        if (!CanVerify) return null;
        var result = Verify(candidate, stopAtFirstFailure: true);
        return result.Passed ? null : result.Summary;
    }
}
