namespace OnnxKit.Execution;

/// <summary>
/// How one output compared with the expected one (over every input set, when there are several):
/// how many elements were compared and how many were out of tolerance, the largest absolute and
/// relative errors, and the problem found (a kind, type or shape change, or the worst element).
/// Made by <see cref="OutputComparer"/>.
/// </summary>
/// <param name="Name">The output's name.</param>
/// <param name="Elements">Numeric elements compared.</param>
/// <param name="Mismatches">Numeric elements out of tolerance (floats) or different (integers, booleans).</param>
/// <param name="MaxAbsoluteError">The largest |actual − expected| over finite numeric elements.</param>
/// <param name="MaxRelativeError">
/// The largest |actual − expected| / |expected| over finite float elements large enough that the
/// relative tolerance, not the absolute one, decides (relative error is noise near zero).
/// </param>
/// <param name="Problem">Null when the output matched; otherwise what differs, for people to read.</param>
public sealed record OutputComparison(string Name, long Elements, long Mismatches, double MaxAbsoluteError, double MaxRelativeError, string? Problem)
{
    /// <summary>True when every element was within tolerance and kinds, types and shapes agreed.</summary>
    public bool Passed => Problem is null;
}
