using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// McNemar's test: is the difference between two classifiers' accuracies on the same examples
/// more than chance? Only the discordant examples matter (b: first right, second wrong; c: the
/// reverse); under the null hypothesis b ~ Binomial(b + c, ½). Both the exact binomial p-value
/// (the one to trust when b + c is small) and the continuity-corrected χ² are given.
/// </summary>
public static class McNemarTest
{
    /// <summary>Tests the per-example correctness of two classifiers.</summary>
    public static McNemarResult Test(ReadOnlySpan<bool> firstCorrect, ReadOnlySpan<bool> secondCorrect)
    {
        if (firstCorrect.Length != secondCorrect.Length) throw new ArgumentException($"{firstCorrect.Length} and {secondCorrect.Length} examples.");
        long b = 0, c = 0;
        for (int i = 0; i < firstCorrect.Length; i++)
        {
            if (firstCorrect[i] && !secondCorrect[i]) b++;
            else if (!firstCorrect[i] && secondCorrect[i]) c++;
        }
        return FromCounts(b, c);
    }

    /// <summary>The test from the discordant counts b and c.</summary>
    public static McNemarResult FromCounts(long b, long c)
    {
        long n = b + c;
        if (n == 0) return new McNemarResult(b, c, 0, 1, 1);
        double chi = Math.Pow(Math.Max(0, Math.Abs(b - c) - 1), 2) / n;
        double chiP = SpecialFunctions.GammaUpperRegularized(0.5, chi / 2);
        double exact = Math.Min(1, 2 * Binomial.CDF(0.5, (int)n, Math.Min(b, c)));
        return new McNemarResult(b, c, chi, chiP, exact);
    }
}
