namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Measures of how well scores rank positives above negatives, swept over every threshold, as
/// scikit-learn computes them: the ROC curve and its area (<c>roc_curve</c>, <c>roc_auc_score</c>),
/// the precision–recall curve and average precision (<c>precision_recall_curve</c>,
/// <c>average_precision_score</c>), plus the break-even point and lift (SEEDS §3.4).
/// Tied scores move together: each distinct score is one threshold. Each function ranks the
/// examples afresh; to read several measures of the same scores, rank once with <see cref="ScoreRanking"/>.
/// </summary>
public static class RankingMetrics
{
    /// <summary>The ROC curve (see <see cref="ScoreRanking.RocCurve"/>).</summary>
    public static IReadOnlyList<CurvePoint> RocCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives) => ScoreRanking.Of(scores, positives).RocCurve();

    /// <summary>The area under the ROC curve, or NaN when one class is absent (see <see cref="ScoreRanking.RocAuc"/>).</summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives) => ScoreRanking.Of(scores, positives).RocAuc();

    /// <summary>The precision–recall curve (see <see cref="ScoreRanking.PrecisionRecallCurve"/>).</summary>
    public static IReadOnlyList<CurvePoint> PrecisionRecallCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives) => ScoreRanking.Of(scores, positives).PrecisionRecallCurve();

    /// <summary>Average precision, or NaN without positives (see <see cref="ScoreRanking.AveragePrecision"/>).</summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives) => ScoreRanking.Of(scores, positives).AveragePrecision();

    /// <summary>The break-even point, or NaN without positives (see <see cref="ScoreRanking.BreakEven"/>).</summary>
    public static double BreakEven(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives) => ScoreRanking.Of(scores, positives).BreakEven();

    /// <summary>Lift of the top <paramref name="fraction"/> of examples, or NaN without positives (see <see cref="ScoreRanking.Lift"/>).</summary>
    public static double Lift(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, double fraction) => ScoreRanking.Of(scores, positives).Lift(fraction);

    /// <summary>The lift curve at 1 %, 2 %, …, 100 % (see <see cref="ScoreRanking.LiftCurve"/>).</summary>
    public static IReadOnlyList<CurvePoint> LiftCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives) => ScoreRanking.Of(scores, positives).LiftCurve();

    /// <summary>The two-class cells when scores at or above <paramref name="threshold"/> are predicted positive.</summary>
    public static BinaryCounts AtThreshold(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, double threshold)
    {
        long a = 0, b = 0, c = 0, d = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            bool predicted = scores[i] >= threshold;
            if (positives[i]) { if (predicted) a++; else b++; }
            else if (predicted) c++;
            else d++;
        }
        return new BinaryCounts(a, b, c, d);
    }
}
