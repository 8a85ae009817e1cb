namespace OnnxKit.Optimizer.Rewriting;

/// <summary>Factory for failed rule checks.</summary>
public static class Rule
{
    /// <summary>The rule does not apply, because of <paramref name="reason"/>.</summary>
    public static RuleFailure Fail(string reason) => new(reason);
}
