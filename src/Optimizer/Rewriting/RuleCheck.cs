namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// The outcome of matching a rewrite rule at one node: the match, or the reason the rule does
/// not apply ("W is not a constant"). Build failures with <see cref="Rule.Fail"/>, which converts
/// to any <see cref="RuleCheck{TMatch}"/>.
/// </summary>
public readonly struct RuleCheck<TMatch> where TMatch : class
{
    private RuleCheck(TMatch? match, string? reason)
    {
        Match = match;
        Reason = reason;
    }

    /// <summary>The match when the rule applies.</summary>
    public TMatch? Match { get; }

    /// <summary>Why the rule does not apply, when it does not.</summary>
    public string? Reason { get; }

    /// <summary>True when the rule applies.</summary>
    public bool Succeeded => Match is not null;

    /// <summary>A successful check.</summary>
    public static implicit operator RuleCheck<TMatch>(TMatch match) => new(match, null);

    /// <summary>A failed check.</summary>
    public static implicit operator RuleCheck<TMatch>(RuleFailure failure) => new(null, failure.Reason);
}
