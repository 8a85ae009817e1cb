namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// How one output of a candidate model compared with the original's over all input sets:
/// the largest absolute and relative errors, how many elements were out of tolerance, and the
/// first problem found (a shape or type change, or the worst element).
/// </summary>
public sealed record OutputComparison(string Name, long Elements, long Mismatches, double MaxAbsoluteError, double MaxRelativeError, string? Problem)
{
    /// <summary>True when every element was within tolerance and shapes and types agreed.</summary>
    public bool Passed => Problem is null;
}
