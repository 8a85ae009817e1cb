namespace OnnxKit.Optimizer.Rules.Folding;

/// <summary>
/// Bounds on what constant folding may materialize. Folding does not grow a model: a result
/// larger than the constants it frees (Expand, Tile, ConstantOfShape, a DequantizeLinear of
/// weights, or a Transpose of a weight that other nodes still read) stays a computation unless
/// it is tiny.
/// </summary>
public sealed record FoldingLimits
{
    /// <summary>No single folded tensor may exceed this many bytes.</summary>
    public long MaxOutputBytes { get; init; } = 64L << 20;

    /// <summary>The model may grow by this many bytes per fold (shape arithmetic, small tables).</summary>
    public long GrowthAllowanceBytes { get; init; } = 4096;

    /// <summary>Fusions decline to rewrite weight tensors larger than this (they are computed in memory in double precision).</summary>
    public long MaxRewrittenWeightBytes { get; init; } = 512L << 20;

    /// <summary>True when results of <paramref name="outputBytes"/> may replace constants of <paramref name="freedBytes"/> that nothing else reads.</summary>
    public bool Allows(long outputBytes, long freedBytes) =>
        outputBytes <= MaxOutputBytes && outputBytes <= freedBytes + GrowthAllowanceBytes;
}
