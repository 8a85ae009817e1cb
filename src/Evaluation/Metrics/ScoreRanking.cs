namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Examples ranked once by decreasing score, with the running counts of positives and
/// negatives, from which every threshold-sweeping measure is read without sorting again: the
/// ROC and precision–recall curves (scikit-learn's conventions), their areas, the break-even
/// point and lift. Tied scores form one threshold; for lift, ties keep example order.
/// <see cref="RankingMetrics"/> offers the same measures as one-call functions.
/// </summary>
public sealed class ScoreRanking
{
    private readonly int[] positivesAt;
    private readonly List<(double Threshold, long TruePositives, long FalsePositives)> steps = [];
    private IReadOnlyList<CurvePoint>? roc, precisionRecall;

    private ScoreRanking(double[] scores, bool[] positives)
    {
        int n = scores.Length;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(scores[i])) throw new ArgumentException($"Score {i} is NaN; ranking measures need numbers.", nameof(scores));
        }
        int[] order = DescendingOrder.Of(scores);
        // Each ranked example's score, negated as in a sort by ascending key (equal scores are one threshold).
        var keys = new double[n];
        for (int i = 0; i < n; i++) keys[i] = -scores[order[i]];
        positivesAt = new int[n];
        long tp = 0, fp = 0;
        for (int i = 0; i < n; i++)
        {
            if (positives[order[i]]) tp++;
            else fp++;
            positivesAt[i] = (int)tp;
            if (i == n - 1 || keys[i + 1] != keys[i]) steps.Add((-keys[i], tp, fp));
        }
        Positives = tp;
        Negatives = fp;
    }

    /// <summary>The number of positive examples.</summary>
    public long Positives { get; }

    /// <summary>The number of negative examples.</summary>
    public long Negatives { get; }

    /// <summary>Ranks <paramref name="scores"/> (higher means more likely positive) with their labels.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a score is NaN.</exception>
    public static ScoreRanking Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        if (scores.Length != positives.Length) throw new ArgumentException($"{scores.Length} scores but {positives.Length} labels.");
        return new ScoreRanking(scores.ToArray(), positives.ToArray());
    }

    /// <summary>
    /// The ROC curve, TPR (y) against FPR (x), from (0, 0) at threshold +∞ through each distinct
    /// score in decreasing order. Empty when the examples are all positive or all negative.
    /// </summary>
    public IReadOnlyList<CurvePoint> RocCurve() => roc ??= BuildRocCurve();

    private IReadOnlyList<CurvePoint> BuildRocCurve()
    {
        if (Positives == 0 || Negatives == 0) return [];
        var curve = new List<CurvePoint>(steps.Count + 1) { new(0, 0, double.PositiveInfinity) };
        foreach (var (threshold, tp, fp) in steps) curve.Add(new CurvePoint((double)fp / Negatives, (double)tp / Positives, threshold));
        return curve;
    }

    /// <summary>The area under the ROC curve (trapezoids), or NaN when one class is absent.</summary>
    public double RocAuc()
    {
        var curve = RocCurve();
        if (curve.Count == 0) return double.NaN;
        double area = 0;
        for (int i = 1; i < curve.Count; i++) area += (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2;
        return area;
    }

    /// <summary>
    /// The precision–recall curve, precision (y) against recall (x), one point per distinct score in
    /// decreasing order (recall rising) up to the first that reaches full recall, as scikit-learn
    /// stops it. Empty when there are no positives.
    /// </summary>
    public IReadOnlyList<CurvePoint> PrecisionRecallCurve() => precisionRecall ??= BuildPrecisionRecallCurve();

    private IReadOnlyList<CurvePoint> BuildPrecisionRecallCurve()
    {
        if (Positives == 0) return [];
        int last = steps.FindIndex(s => s.TruePositives == Positives);
        var curve = new CurvePoint[last + 1];
        for (int i = 0; i <= last; i++)
        {
            var (threshold, tp, fp) = steps[i];
            curve[i] = new CurvePoint((double)tp / Positives, (double)tp / (tp + fp), threshold);
        }
        return curve;
    }

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁)·Pₙ over the thresholds; NaN when there are no positives.</summary>
    public double AveragePrecision()
    {
        var curve = PrecisionRecallCurve();
        if (curve.Count == 0) return double.NaN;
        double ap = 0, previousRecall = 0;
        foreach (var point in curve)
        {
            ap += (point.X - previousRecall) * point.Y;
            previousRecall = point.X;
        }
        return ap;
    }

    /// <summary>
    /// The break-even point: precision (= recall) where the two are closest on the precision–recall
    /// curve, reported as their mean there; NaN when there are no positives.
    /// </summary>
    public double BreakEven()
    {
        var curve = PrecisionRecallCurve();
        if (curve.Count == 0) return double.NaN;
        var closest = curve[0];
        foreach (var point in curve)
        {
            if (Math.Abs(point.X - point.Y) < Math.Abs(closest.X - closest.Y)) closest = point;
        }
        return (closest.X + closest.Y) / 2;
    }

    /// <summary>
    /// Lift of the top <paramref name="fraction"/> of examples by score: the positive rate among the
    /// ⌈fraction·n⌉ highest-scored examples over the positive rate of all. NaN when there are no positives.
    /// </summary>
    public double Lift(double fraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction lies in (0, 1].");
        if (Positives == 0) return double.NaN;
        int n = positivesAt.Length;
        int top = Math.Max(1, (int)Math.Ceiling(fraction * n - 1e-9));
        return (double)positivesAt[top - 1] / top / ((double)Positives / n);
    }

    /// <summary>The lift curve: lift (y) of the top x of examples, x = 1 %, 2 %, …, 100 %; empty without positives.</summary>
    public IReadOnlyList<CurvePoint> LiftCurve() =>
        Positives == 0 ? [] : Enumerable.Range(1, 100).Select(percent => new CurvePoint(percent / 100.0, Lift(percent / 100.0), double.NaN)).ToArray();
}
