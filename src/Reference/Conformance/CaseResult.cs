namespace OnnxKit.Reference.Conformance;

/// <summary>The result of one conformance case.</summary>
/// <param name="Name">The case folder's name, e.g. <c>test_abs</c>.</param>
/// <param name="Status">Passed, failed or skipped.</param>
/// <param name="Reason">For failures and skips: why (the worst mismatch, the error, the missing feature).</param>
/// <param name="WorstAbsoluteError">The largest absolute difference seen in a float output, when outputs were compared.</param>
/// <param name="WorstRelativeError">The largest relative difference seen in a float output, when outputs were compared.</param>
/// <param name="Milliseconds">Wall time of the case, loading included.</param>
public sealed record CaseResult(string Name, CaseStatus Status, string? Reason, double? WorstAbsoluteError, double? WorstRelativeError, double Milliseconds);
