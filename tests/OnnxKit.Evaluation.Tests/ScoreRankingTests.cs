using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>The cells at a threshold read from a ranking against counting every example's score (<see cref="RankingMetrics.AtThreshold"/>).</summary>
public sealed class ScoreRankingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2000)]
    public void Cells_at_a_threshold_match_counting_every_score(int n)
    {
        var random = new Random(n);
        // Ties (two decimals), both zeros and scores equal to the thresholds tried.
        var scores = Enumerable.Range(0, n).Select(_ => random.Next(6) == 0 ? -0.0 : Math.Round(random.NextDouble(), 2)).ToArray();
        var positives = Enumerable.Range(0, n).Select(_ => random.Next(3) == 0).ToArray();
        var ranking = ScoreRanking.Of(scores, positives);
        foreach (double threshold in new[] { 0.5, 0.0, -0.0, 0.37, 1.0, 1.5, -1.0, scores[0], double.NegativeInfinity, double.PositiveInfinity })
            Assert.Equal(RankingMetrics.AtThreshold(scores, positives, threshold), ranking.AtThreshold(threshold));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Roc_curve_points_and_thresholds_match_counting_below_each_distinct_score(bool floats)
    {
        // Float scores are walked from the ranked items, other doubles from the order of examples: both against a count.
        var random = new Random(floats ? 1 : 2);
        var scores = Enumerable.Range(0, 3000).Select(_ => random.Next(4) switch
        {
            0 => random.Next(2) == 0 ? 0.0 : -0.0,
            // Rounded as floats when the scores are floats: one double that is no float sends them all the other way.
            1 => floats ? MathF.Round(random.NextSingle(), 2) : Math.Round(random.NextDouble(), 2),
            _ => floats ? random.NextSingle() : random.NextDouble(),
        }).ToArray();
        var positives = scores.Select(_ => random.Next(3) == 0).ToArray();
        Assert.Equal(floats, DescendingOrder.TryRankSingles(scores, new ulong[scores.Length])); // the path this case is meant to take
        var roc = ScoreRanking.Of(scores, positives).RocCurve();

        // Each distinct score in decreasing order; its threshold is the score of its last example in a stable ranking
        // (so a tie of −0 and +0 shows the sign of the later example).
        var ranked = Enumerable.Range(0, scores.Length).OrderByDescending(i => scores[i]).ToArray();
        var expected = new List<CurvePoint> { new(0, 0, double.PositiveInfinity) };
        long p = positives.Count(x => x), n = positives.Length - p;
        for (int i = 0, tp = 0; i < ranked.Length; i++)
        {
            if (positives[ranked[i]]) tp++;
            if (i + 1 < ranked.Length && scores[ranked[i + 1]] == scores[ranked[i]]) continue;
            expected.Add(new CurvePoint((double)(i + 1 - tp) / n, (double)tp / p, scores[ranked[i]]));
        }
        Assert.Equal(expected.Count, roc.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].X, roc[i].X);
            Assert.Equal(expected[i].Y, roc[i].Y);
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected[i].Threshold), BitConverter.DoubleToInt64Bits(roc[i].Threshold));
        }
    }

    [Fact]
    public void A_disposed_ranking_has_returned_its_arrays_and_disposing_again_is_harmless()
    {
        var ranking = ScoreRanking.Of([0.9, 0.4, 0.4, 0.1], [true, false, true, false]);
        double auc = ranking.RocAuc();
        Assert.Equal(0.875, auc); // pairs ordered right: (0.9 > 0.4, 0.9 > 0.1, 0.4 = 0.4 half, 0.4 > 0.1) of 4
        ranking.Dispose();
        ranking.Dispose();
        Assert.Equal(auc, ranking.RocAuc()); // the sums are kept; only the per-example arrays went back
    }
}
