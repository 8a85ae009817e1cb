using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>
/// The ROC area, average precision and break-even point that a ranking sums while it is built, against the same
/// sums taken afterwards point by point over its ROC and precision–recall curves: equal to the last bit.
/// </summary>
public sealed class ThresholdAreasTests
{
    [Theory]
    [InlineData(1, 3, true)]
    [InlineData(2, 2, true)]
    [InlineData(9, 3, true)]
    [InlineData(500, 2, true)]
    [InlineData(500, 2, false)]
    [InlineData(5000, 10, true)]
    [InlineData(5000, 10, false)]
    [InlineData(5000, 1000, true)] // few positives
    public void Areas_summed_while_ranking_equal_the_sums_over_the_curves(int n, int positiveOneIn, bool floats)
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
        var ranking = ScoreRanking.Of(scores, positives);

        var (auc, ap, breakEven) = SummedOverCurves(ranking);
        Assert.Equal(BitConverter.DoubleToInt64Bits(auc), BitConverter.DoubleToInt64Bits(ranking.RocAuc()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(ap), BitConverter.DoubleToInt64Bits(ranking.AveragePrecision()));
        Assert.Equal(BitConverter.DoubleToInt64Bits(breakEven), BitConverter.DoubleToInt64Bits(ranking.BreakEven()));
    }

    [Fact]
    public void One_class_only_leaves_the_measures_it_lacks_undefined()
    {
        var allNegative = ScoreRanking.Of([0.2, 0.7, 0.7], [false, false, false]);
        Assert.True(double.IsNaN(allNegative.RocAuc()));
        Assert.True(double.IsNaN(allNegative.AveragePrecision()));
        Assert.True(double.IsNaN(allNegative.BreakEven()));
        var allPositive = ScoreRanking.Of([0.2, 0.7, 0.7], [true, true, true]);
        Assert.True(double.IsNaN(allPositive.RocAuc()));
        Assert.Equal(1.0, allPositive.AveragePrecision());
        Assert.Equal(SummedOverCurves(allPositive).BreakEven, allPositive.BreakEven());
    }

    /// <summary>Trapezoids under the ROC curve, Σ (Rₙ − Rₙ₋₁)·Pₙ and the closest precision and recall, read off the curves' points.</summary>
    private static (double Auc, double AveragePrecision, double BreakEven) SummedOverCurves(ScoreRanking ranking)
    {
        double auc = double.NaN;
        var roc = ranking.RocCurve();
        if (roc.Count > 0)
        {
            auc = 0;
            for (int i = 1; i < roc.Count; i++) auc += (roc[i].X - roc[i - 1].X) * (roc[i].Y + roc[i - 1].Y) / 2;
        }
        var pr = ranking.PrecisionRecallCurve();
        if (pr.Count == 0) return (auc, double.NaN, double.NaN);
        double ap = 0, previousRecall = 0, best = double.PositiveInfinity, breakEven = 0;
        foreach (var point in pr)
        {
            ap += (point.X - previousRecall) * point.Y;
            previousRecall = point.X;
            double gap = Math.Abs(point.X - point.Y);
            if (gap < best) (best, breakEven) = (gap, (point.X + point.Y) / 2);
        }
        return (auc, ap, breakEven);
    }
}
