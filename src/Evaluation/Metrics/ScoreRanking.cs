using System.Buffers;

namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Examples ranked once by decreasing score, with the running counts of positives and
/// negatives, from which every threshold-sweeping measure is read without sorting again: the
/// ROC and precision–recall curves (scikit-learn's conventions), their areas, the break-even
/// point and lift. Tied scores form one threshold; for lift, ties keep example order.
/// The areas and the break-even point are summed while the ranking is built (<see cref="ThresholdAreas"/>), and the curves are
/// views that compute a point when it is read, so thinning a curve of 10,000 thresholds to a
/// report's 200 points never builds the other 9,800.
/// <see cref="RankingMetrics"/> offers the same measures as one-call functions.
/// </summary>
public sealed class ScoreRanking : IDisposable
{
    // The ranked examples.
    private readonly int count;
    // Per ranked example, the positives ranked at or above it. The three arrays are rented (evaluation ranks one column
    // per class, 160 KB of arrays each for 10,000 examples) and longer than needed; Dispose returns them.
    private int[] positivesAt;
    // One entry per distinct score, in decreasing order: the score, and the last ranked example scored at or above it
    // (the positives and negatives at that threshold follow from it and positivesAt).
    private double[] thresholds;
    private int[] stepEnds;
    private int steps;
    // The ROC area, average precision and break-even point, summed as the thresholds are met.
    private ThresholdAreas areas;

    private ScoreRanking(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        int n = count = scores.Length;
        Positives = positives.Count(true);
        Negatives = n - Positives;
        areas = new ThresholdAreas(Positives, Negatives);
        // Not cleared: every example's count is written, and the thresholds are read only up to the last one written.
        positivesAt = ArrayPool<int>.Shared.Rent(n);
        thresholds = ArrayPool<double>.Shared.Rent(n);
        stepEnds = ArrayPool<int>.Shared.Rent(n);
        // Float scores (a float model's outputs) are ranked as items holding both the score's key and the example, which
        // the walk reads in order; other scores as an order of examples, whose scores the walk looks up.
        var rentedItems = ArrayPool<ulong>.Shared.Rent(n);
        try
        {
            var items = rentedItems.AsSpan(0, n);
            if (DescendingOrder.TryRankSingles(scores, items)) WalkSingles(items, scores, positives);
            else Walk(scores, positives);
        }
        catch
        {
            Dispose();
            throw;
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(rentedItems);
        }
    }

    /// <summary>Ranks the scores and walks them, highest first, ending a threshold where the score changes.</summary>
    private void Walk(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        int n = scores.Length;
        for (int i = 0; i < n; i++)
        {
            if (double.IsNaN(scores[i])) throw new ArgumentException($"Score {i} is NaN; ranking measures need numbers.", nameof(scores));
        }
        var rented = ArrayPool<int>.Shared.Rent(n); // the order is needed only here
        try
        {
            var order = rented.AsSpan(0, n);
            DescendingOrder.Of(scores, order);
            int tp = 0;
            double previous = 0;
            for (int i = 0; i < n; i++)
            {
                int example = order[i];
                double score = scores[example];
                // Equal scores (+0 and −0 among them) are one threshold: a different score ends the previous one's step.
                if (i > 0 && score != previous) EndStep(previous, i, tp);
                if (positives[example]) tp++;
                positivesAt[i] = tp;
                previous = score;
            }
            if (n > 0) EndStep(previous, n, tp);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// <see cref="Walk"/> over items from <see cref="DescendingOrder.TryRankSingles"/>: the same thresholds, each the score
    /// of its last example, read from the item (and from the scores only for a zero, whose sign the item does not keep).
    /// </summary>
    private void WalkSingles(ReadOnlySpan<ulong> items, ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        int n = items.Length, tp = 0;
        var counts = positivesAt.AsSpan(0, n);
        for (int i = 0; i < n; i++)
        {
            ulong item = items[i];
            if (i > 0 && !DescendingOrder.SameScore(item, items[i - 1])) EndStep(ThresholdOf(items[i - 1], scores), i, tp);
            tp += positives[DescendingOrder.ExampleOf(item)] ? 1 : 0;
            counts[i] = tp;
        }
        EndStep(ThresholdOf(items[n - 1], scores), n, tp);
    }

    /// <summary>The score of a ranked item as given (a zero keeps its sign).</summary>
    private static double ThresholdOf(ulong item, ReadOnlySpan<double> scores)
    {
        double score = DescendingOrder.ScoreOf(item);
        return score == 0 ? scores[DescendingOrder.ExampleOf(item)] : score;
    }

    /// <summary>Records a threshold: its score, and how many examples (of them, <paramref name="truePositives"/> positive) are scored at or above it.</summary>
    private void EndStep(double score, int ranked, int truePositives)
    {
        thresholds[steps] = score;
        stepEnds[steps] = ranked - 1;
        steps++;
        areas.Add(truePositives, ranked);
    }

    /// <summary>The positives scored at or above threshold <paramref name="step"/>.</summary>
    private int TruePositives(int step) => positivesAt[stepEnds[step]];

    /// <summary>The negatives scored at or above threshold <paramref name="step"/>.</summary>
    private int FalsePositives(int step) => stepEnds[step] + 1 - positivesAt[stepEnds[step]];

    /// <summary>The number of positive examples.</summary>
    public long Positives { get; }

    /// <summary>The number of negative examples.</summary>
    public long Negatives { get; }

    /// <summary>Ranks <paramref name="scores"/> (higher means more likely positive) with their labels.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, or a score is NaN.</exception>
    public static ScoreRanking Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positives)
    {
        if (scores.Length != positives.Length) throw new ArgumentException($"{scores.Length} scores but {positives.Length} labels.");
        return new ScoreRanking(scores, positives);
    }

    /// <summary>
    /// The ROC curve, TPR (y) against FPR (x), from (0, 0) at threshold +∞ through each distinct
    /// score in decreasing order. Empty when the examples are all positive or all negative.
    /// </summary>
    public IReadOnlyList<CurvePoint> RocCurve() =>
        Positives == 0 || Negatives == 0 ? [] : new ComputedCurve(steps + 1, RocPoint);

    private CurvePoint RocPoint(int index) => index == 0
        ? new CurvePoint(0, 0, double.PositiveInfinity)
        : new CurvePoint((double)FalsePositives(index - 1) / Negatives, (double)TruePositives(index - 1) / Positives, thresholds[index - 1]);

    /// <summary>The area under the ROC curve (trapezoids), or NaN when one class is absent.</summary>
    public double RocAuc() => areas.RocAuc;

    /// <summary>
    /// The precision–recall curve, precision (y) against recall (x), one point per distinct score in
    /// decreasing order (recall rising) up to the first that reaches full recall, as scikit-learn
    /// stops it. Empty when there are no positives.
    /// </summary>
    public IReadOnlyList<CurvePoint> PrecisionRecallCurve() =>
        Positives == 0 ? [] : new ComputedCurve(PrecisionRecallSteps(), PrecisionRecallPoint);

    /// <summary>The thresholds up to and including the first at full recall.</summary>
    private int PrecisionRecallSteps()
    {
        // The positives at or above each threshold never decrease: search for the first that has them all.
        int low = 0, high = steps - 1;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (TruePositives(middle) < Positives) low = middle + 1;
            else high = middle;
        }
        return low + 1;
    }

    private CurvePoint PrecisionRecallPoint(int index) =>
        new((double)TruePositives(index) / Positives, (double)TruePositives(index) / (stepEnds[index] + 1), thresholds[index]);

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁)·Pₙ over the thresholds; NaN when there are no positives.</summary>
    public double AveragePrecision() => areas.AveragePrecision;

    /// <summary>
    /// The break-even point: precision (= recall) where the two are closest on the precision–recall
    /// curve, reported as their mean there; NaN when there are no positives.
    /// </summary>
    public double BreakEven() => areas.BreakEven;

    /// <summary>
    /// The two-class cells when scores at or above <paramref name="threshold"/> are predicted positive (as
    /// <see cref="RankingMetrics.AtThreshold"/> counts them), read from the ranking: the examples predicted
    /// positive are those ranked at or above the lowest distinct score that reaches the threshold.
    /// </summary>
    public BinaryCounts AtThreshold(double threshold)
    {
        // The distinct scores decrease: search for how many of them are at or above the threshold.
        int low = 0, high = steps;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (thresholds[middle] >= threshold) low = middle + 1;
            else high = middle;
        }
        long truePositives = low == 0 ? 0 : TruePositives(low - 1), falsePositives = low == 0 ? 0 : FalsePositives(low - 1);
        return new BinaryCounts(truePositives, Positives - truePositives, falsePositives, Negatives - falsePositives);
    }

    /// <summary>
    /// Lift of the top <paramref name="fraction"/> of examples by score: the positive rate among the
    /// ⌈fraction·n⌉ highest-scored examples over the positive rate of all. NaN when there are no positives.
    /// </summary>
    public double Lift(double fraction)
    {
        if (fraction is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "The fraction lies in (0, 1].");
        if (Positives == 0) return double.NaN;
        int n = count;
        int top = Math.Max(1, (int)Math.Ceiling(fraction * n - 1e-9));
        return (double)positivesAt[top - 1] / top / ((double)Positives / n);
    }

    /// <summary>The lift curve: lift (y) of the top x of examples, x = 1 %, 2 %, …, 100 %; empty without positives.</summary>
    public IReadOnlyList<CurvePoint> LiftCurve() =>
        Positives == 0 ? [] : new ComputedCurve(100, i => new CurvePoint((i + 1) / 100.0, Lift((i + 1) / 100.0), double.NaN));

    /// <summary>
    /// Returns the ranking's arrays to the shared pool. Optional (an undisposed ranking's arrays are left to the collector),
    /// but the ranking and its curves must not be read after it.
    /// </summary>
    public void Dispose()
    {
        if (positivesAt.Length == 0) return;
        ArrayPool<int>.Shared.Return(positivesAt);
        ArrayPool<double>.Shared.Return(thresholds);
        ArrayPool<int>.Shared.Return(stepEnds);
        (positivesAt, thresholds, stepEnds) = ([], [], []);
    }
}
