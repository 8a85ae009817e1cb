using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>
/// The ROC area, average precision and break-even point that a ranking sums in whole numbers while it is built,
/// against independent computations: the ROC area as the Mann–Whitney statistic (the share of positive–negative pairs
/// ordered right, ties counting half), average precision summed over every positive's threshold, and the break-even
/// threshold found by comparing every threshold's gap exactly.
/// </summary>
public sealed class ThresholdAreasTests
{
    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 2, true)]
    [InlineData(9, 3, true)]
    [InlineData(500, 2, true)]
    [InlineData(500, 2, false)]
    [InlineData(3000, 10, true)]
    [InlineData(3000, 10, false)]
    [InlineData(3000, 1000, true)] // few positives
    public void Areas_summed_while_ranking_equal_independent_computations(int n, int positiveOneIn, bool floats)
    {
        var random = new Random(n + positiveOneIn);
        // Float scores as a model gives them (ranked as float items), or doubles that are not all floats (ranked through
        // the order of examples), with ties (rounded to two decimals in a third of them) and both zeros.
        var scores = Enumerable.Range(0, n).Select(i => random.Next(3) switch
        {
            0 => floats ? MathF.Round(random.NextSingle(), 2) : Math.Round(random.NextDouble(), 2),
            1 when i % 7 == 0 => -0.0,
            _ => floats ? random.NextSingle() : random.NextDouble(),
        }).ToArray();
        if (n > 1) Assert.Equal(floats, DescendingOrder.TryRankSingles(scores, new ulong[n])); // the path this case is meant to take
        var positives = Enumerable.Range(0, n).Select(_ => random.Next(positiveOneIn) == 0).ToArray();
        using var ranking = ScoreRanking.Of(scores, positives);

        Assert.Equal(MannWhitney(scores, positives), ranking.RocAuc(), 1e-12);
        Assert.Equal(AveragePrecision(scores, positives), ranking.AveragePrecision(), 1e-12);
        Assert.Equal(BreakEven(scores, positives), ranking.BreakEven());
    }

    [Fact]
    public void Break_even_takes_the_first_of_thresholds_whose_gaps_are_exactly_equal()
    {
        // Four positives. The first threshold ranks a positive and a negative (recall 1/4, precision 1/2: gap 1/4); the
        // second adds two positives and two negatives (recall 3/4, precision 3/6: gap 1/4 again); the last, the rest.
        double[] scores = [0.9, 0.9, 0.8, 0.8, 0.8, 0.8, 0.1, 0.1, 0.1];
        bool[] positives = [true, false, true, true, false, false, true, false, false];
        using var ranking = ScoreRanking.Of(scores, positives);
        Assert.Equal((0.25 + 0.5) / 2, ranking.BreakEven()); // the first, not the second's (3/4 + 1/2) / 2
        Assert.Equal(BreakEven(scores, positives), ranking.BreakEven());
    }

    [Fact]
    public void One_class_only_leaves_the_measures_it_lacks_undefined()
    {
        using var allNegative = ScoreRanking.Of([0.2, 0.7, 0.7], [false, false, false]);
        Assert.True(double.IsNaN(allNegative.RocAuc()));
        Assert.True(double.IsNaN(allNegative.AveragePrecision()));
        Assert.True(double.IsNaN(allNegative.BreakEven()));
        using var allPositive = ScoreRanking.Of([0.2, 0.7, 0.7], [true, true, true]);
        Assert.True(double.IsNaN(allPositive.RocAuc()));
        Assert.Equal(1.0, allPositive.AveragePrecision());
        Assert.Equal(1.0, allPositive.BreakEven()); // the first threshold: recall 2/3, precision 1; the second: both 1
    }

    /// <summary>The share of (positive, negative) pairs whose positive scores higher, a tie counting half.</summary>
    private static double MannWhitney(double[] scores, bool[] positives)
    {
        var positive = scores.Where((_, i) => positives[i]).ToArray();
        var negative = scores.Where((_, i) => !positives[i]).ToArray();
        if (positive.Length == 0 || negative.Length == 0) return double.NaN;
        long doubled = 0;
        foreach (double p in positive) foreach (double q in negative) doubled += p > q ? 2 : p == q ? 1 : 0;
        return doubled / (2.0 * positive.Length * negative.Length);
    }

    /// <summary>Σ over the positives of the precision at the positive's score, over the positives (each threshold's recall step shared by its positives).</summary>
    private static double AveragePrecision(double[] scores, bool[] positives)
    {
        int p = positives.Count(x => x);
        if (p == 0) return double.NaN;
        double sum = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if (!positives[i]) continue;
            int ranked = 0, truePositives = 0;
            for (int j = 0; j < scores.Length; j++)
            {
                if (scores[j] < scores[i]) continue;
                ranked++;
                if (positives[j]) truePositives++;
            }
            sum += (double)truePositives / ranked;
        }
        return sum / p;
    }

    /// <summary>
    /// The mean of recall and precision at the first distinct score (highest first, up to full recall) where
    /// |recall − precision| is least, the gaps compared as exact fractions.
    /// </summary>
    private static double BreakEven(double[] scores, bool[] positives)
    {
        long p = positives.Count(x => x);
        if (p == 0) return double.NaN;
        (long Tp, long Ranked)? best = null;
        foreach (double threshold in scores.Distinct().OrderDescending())
        {
            long ranked = scores.Count(s => s >= threshold);
            long tp = scores.Where((s, i) => s >= threshold && positives[i]).LongCount();
            // gap = tp·|ranked − p| / (p·ranked): compare tp·|ranked − p| / ranked across thresholds.
            if (best is not { } b || (System.Numerics.BigInteger)tp * Math.Abs(ranked - p) * b.Ranked < (System.Numerics.BigInteger)b.Tp * Math.Abs(b.Ranked - p) * ranked)
                best = (tp, ranked);
            if (tp == p) break;
        }
        return ((double)best!.Value.Tp / p + (double)best.Value.Tp / best.Value.Ranked) / 2;
    }
}
