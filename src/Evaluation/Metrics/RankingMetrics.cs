namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Measures of how well scores rank positives above negatives, swept over every threshold, as
/// scikit-learn computes them: the ROC curve and its area (<c>roc_curve</c>, <c>roc_auc_score</c>),
/// the precision–recall curve and average precision (<c>precision_recall_curve</c>,
/// <c>average_precision_score</c>), plus the break-even point and lift (SEEDS §3.4).
/// Tied scores move together: each distinct score is one threshold.
/// </summary>
public static class RankingMetrics
{
    /// <summary>
    /// The ROC curve, TPR (y) against FPR (x), from (0, 0) at threshold +∞ through each distinct
    /// score in decreasing order. Empty when the examples are all positive or all negative.
    /// </summary>
    public static IReadOnlyList<CurvePoint> RocCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        var steps = Steps(scores, positives, out long p, out long n);
        if (p == 0 || n == 0) return [];
        var curve = new List<CurvePoint>(steps.Count + 1) { new(0, 0, double.PositiveInfinity) };
        foreach (var (threshold, tp, fp) in steps) curve.Add(new CurvePoint((double)fp / n, (double)tp / p, threshold));
        return curve;
    }

    /// <summary>The area under the ROC curve (trapezoids), or NaN when one class is absent.</summary>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        var curve = RocCurve(scores, positives);
        if (curve.Count == 0) return double.NaN;
        double area = 0;
        for (int i = 1; i < curve.Count; i++) area += (curve[i].X - curve[i - 1].X) * (curve[i].Y + curve[i - 1].Y) / 2;
        return area;
    }

    /// <summary>
    /// The precision–recall curve, precision (y) against recall (x), one point per distinct score in
    /// decreasing order (recall rising). Empty when there are no positives.
    /// </summary>
    public static IReadOnlyList<CurvePoint> PrecisionRecallCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        var steps = Steps(scores, positives, out long p, out _);
        if (p == 0) return [];
        return steps.Select(s => new CurvePoint((double)s.TruePositives / p, (double)s.TruePositives / (s.TruePositives + s.FalsePositives), s.Threshold)).ToArray();
    }

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁)·Pₙ over the thresholds; NaN when there are no positives.</summary>
    public static double AveragePrecision(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        var curve = PrecisionRecallCurve(scores, positives);
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
    public static double BreakEven(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        var curve = PrecisionRecallCurve(scores, positives);
        if (curve.Count == 0) return double.NaN;
        var closest = curve.MinBy(c => Math.Abs(c.X - c.Y));
        return (closest.X + closest.Y) / 2;
    }

    /// <summary>
    /// Lift of the top <paramref name="fraction"/> of examples by score: the positive rate among the
    /// ⌈fraction·n⌉ highest-scored examples over the positive rate of all (ties broken by example
    /// order). NaN when there are no positives.
    /// </summary>
    public static double Lift(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, double fraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction lies in (0, 1].");
        var order = Descending(scores);
        long total = 0;
        foreach (bool b in positives) if (b) total++;
        if (total == 0) return double.NaN;
        int top = (int)Math.Ceiling(fraction * scores.Length - 1e-9);
        int hits = 0;
        for (int i = 0; i < top; i++) if (positives[order[i]]) hits++;
        return (double)hits / top / ((double)total / scores.Length);
    }

    /// <summary>The lift curve: lift (y) of the top x of examples, x = 1 %, 2 %, …, 100 %.</summary>
    public static IReadOnlyList<CurvePoint> LiftCurve(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        var curve = new List<CurvePoint>(100);
        for (int percent = 1; percent <= 100; percent++)
        {
            double lift = Lift(scores, positives, percent / 100.0);
            if (double.IsNaN(lift)) return [];
            curve.Add(new CurvePoint(percent / 100.0, lift, double.NaN));
        }
        return curve;
    }

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

    /// <summary>Cumulative (threshold, TP, FP) at each distinct score, in decreasing score order.</summary>
    private static List<(double Threshold, long TruePositives, long FalsePositives)> Steps(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives, out long p, out long n)
    {
        if (scores.Length != positives.Length) throw new ArgumentException($"{scores.Length} scores but {positives.Length} labels.");
        foreach (double s in scores) if (double.IsNaN(s)) throw new ArgumentException("A score is NaN; ranking measures need numbers.");
        var order = Descending(scores);
        var steps = new List<(double, long, long)>();
        long tp = 0, fp = 0;
        for (int i = 0; i < order.Length; i++)
        {
            if (positives[order[i]]) tp++;
            else fp++;
            if (i == order.Length - 1 || scores[order[i + 1]] != scores[order[i]]) steps.Add((scores[order[i]], tp, fp));
        }
        (p, n) = (tp, fp);
        return steps;
    }

    /// <summary>Example indices by decreasing score, ties in example order.</summary>
    private static int[] Descending(ReadOnlySpan<double> scores)
    {
        var keys = new double[scores.Length];
        var order = new int[scores.Length];
        for (int i = 0; i < scores.Length; i++) (keys[i], order[i]) = (-scores[i], i);
        // A stable sort: the key, then the example index.
        Array.Sort(order, (x, y) => keys[x] != keys[y] ? keys[x].CompareTo(keys[y]) : x.CompareTo(y));
        return order;
    }
}
