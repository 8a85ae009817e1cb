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
}
