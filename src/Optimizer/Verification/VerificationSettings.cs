using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Verification;

/// <summary>How an optimization is verified: where models run, on which inputs, to what tolerance, and how often.</summary>
public sealed record VerificationSettings
{
    /// <summary>Runs the original and optimized models.</summary>
    public required IBackend Backend { get; init; }

    /// <summary>
    /// Run float16 models and the original they are compared with, in order of precedence: the first
    /// that runs the original is the target, the others give second opinions, and a conversion must
    /// agree on all (<see cref="CrossBackendVerifier"/>). Empty: <see cref="Backend"/> alone.
    /// </summary>
    public IReadOnlyList<IBackend> Float16Backends { get; init; } = [];

    /// <summary>The input sets (seeded random or given by the user), by input name.</summary>
    public required IReadOnlyList<IReadOnlyDictionary<string, ITensor>> InputSets { get; init; }

    /// <summary>
    /// Input sets the mixed-precision search does not search on: its result must hold on them too (to the search's
    /// margin), or it searches again on every set. The final float16 verification covers both these and
    /// <see cref="InputSets"/>. Empty: the search is judged on <see cref="InputSets"/> alone.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, ITensor>> HeldOutInputSets { get; init; } = [];

    /// <summary>How close outputs must be.</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.Float32;

    /// <summary>Also check after every pass that changed the model, undoing a pass that breaks it.</summary>
    public bool EachPass { get; init; }
}
