namespace OnnxKit.Optimizer.Rewriting;

/// <summary>A failed rule check, convertible to any <see cref="RuleCheck{TMatch}"/>.</summary>
public readonly record struct RuleFailure(string Reason);
