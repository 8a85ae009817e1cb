namespace OnnxKit.Reference.Conformance;

/// <summary>The outcome of one conformance case.</summary>
public enum CaseStatus
{
    /// <summary>Every output matched within tolerance.</summary>
    Passed,
    /// <summary>An output differed, or the backend failed while running a model it accepted.</summary>
    Failed,
    /// <summary>Not run to a verdict: the backend lacks an operator or type, or the case cannot be checked (random outputs).</summary>
    Skipped,
}
