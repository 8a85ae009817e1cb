using OnnxKit.Execution;

namespace OnnxKit.Optimizer.Float16;

/// <summary>How <see cref="Float16Converter"/> converts a model.</summary>
public sealed record Float16Options
{
    /// <summary>Keep float32 graph inputs and outputs, with Casts at the boundary (default); otherwise they become float16.</summary>
    public bool KeepIoTypes { get; init; } = true;

    /// <summary>ai.onnx operators kept in float32; <see cref="Float16Defaults.BlockedOps"/> by default.</summary>
    public IReadOnlySet<string> OpBlockList { get; init; } = Float16Defaults.BlockedOps.Keys.ToHashSet(StringComparer.Ordinal);

    /// <summary>Nodes kept in float32, by node name or, for unnamed nodes, first output name (mixed-precision search fills this).</summary>
    public IReadOnlySet<string> NodeBlockList { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// When set, first search for the nodes that must stay float32 for every output to stay within this
    /// tolerance of the original (needs verification inputs), and keep them.
    /// </summary>
    public Tolerance? MixedPrecision { get; init; }

    /// <summary>
    /// The fraction of the <see cref="MixedPrecision"/> tolerance the search holds candidates to on the
    /// verification inputs (0.5 by default), so the float16 errors it accepts leave headroom for inputs it
    /// never saw; the chosen conversion is then verified at the whole tolerance.
    /// </summary>
    public double SearchMargin { get; init; } = 0.5;

    /// <summary>After converting, run the model once and name the first node whose output holds NaN or infinity.</summary>
    public bool ScanForNanInf { get; init; }
}
