namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// McNemar's test of two classifiers on the same examples.
/// </summary>
/// <param name="OnlyFirstCorrect">b: examples the first model gets right and the second wrong.</param>
/// <param name="OnlySecondCorrect">c: examples the second model gets right and the first wrong.</param>
/// <param name="ChiSquare">(|b − c| − 1)² / (b + c), Edwards' continuity-corrected statistic (0 when b + c = 0).</param>
/// <param name="ChiSquarePValue">Its p-value under χ² with one degree of freedom.</param>
/// <param name="ExactPValue">The exact two-sided p-value: b ~ Binomial(b + c, ½), doubled and capped at 1.</param>
public sealed record McNemarResult(long OnlyFirstCorrect, long OnlySecondCorrect, double ChiSquare, double ChiSquarePValue, double ExactPValue)
{
    /// <summary>Whether the accuracy difference is significant at <paramref name="alpha"/> by the exact test.</summary>
    public bool IsSignificant(double alpha = 0.05) => ExactPValue < alpha;
}
