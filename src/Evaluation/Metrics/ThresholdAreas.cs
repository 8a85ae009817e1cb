namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// The ROC area, average precision and break-even point summed as a ranking's thresholds are met, highest score
/// first, so that no second pass over the thresholds is needed. Each threshold gives the positives and the examples
/// scored at or above it, whole numbers, and the sums stay in whole numbers as long as they can:
/// <list type="bullet">
/// <item>the ROC area is Σ ΔFP·(TP + TP₋₁) / (2·P·N), the trapezoids of the curve with its common denominator taken
/// out, summed exactly in integers and divided once;</item>
/// <item>average precision is Σ ΔTP·TP/k / P over the thresholds that add positives (k ranked at or above), one
/// division each instead of the curve's three per threshold;</item>
/// <item>the break-even threshold, where |recall − precision| = TP·|k − P| / (P·k) is least (the first such), is chosen by
/// comparing those fractions exactly (cross-multiplied in 128 bits), not their rounded values.</item>
/// </list>
/// The figures equal the sums over the curves' points (<see cref="ScoreRanking.RocCurve"/>,
/// <see cref="ScoreRanking.PrecisionRecallCurve"/>) up to rounding, which they round fewer times.
/// </summary>
/// <param name="positives">The positive examples in all.</param>
/// <param name="negatives">The negative examples in all.</param>
internal struct ThresholdAreas(long positives, long negatives)
{
    // 2·P·N times the ROC area; at most N·2P ≤ n²/2 for n examples, which fits 64 bits for any n below 2³¹.
    private long doubledRocArea;
    private long previousTruePositives, previousFalsePositives;
    // P times the average precision.
    private double precisionSum;
    // The break-even threshold so far: its cells, and its gap's numerator TP·|k − P| (the gap is that over P·k).
    private long bestTruePositives, bestRanked, bestGap;
    private bool anyThreshold;
    private bool fullRecall; // the precision–recall curve stops at the first threshold with every positive

    /// <summary>Adds the next threshold (scores decreasing).</summary>
    /// <param name="truePositives">The positives scored at or above it.</param>
    /// <param name="ranked">The examples scored at or above it.</param>
    public void Add(int truePositives, int ranked)
    {
        long falsePositives = ranked - truePositives;
        doubledRocArea += (falsePositives - previousFalsePositives) * (truePositives + previousTruePositives);
        if (!fullRecall)
        {
            long gained = truePositives - previousTruePositives;
            if (gained > 0) precisionSum += (double)gained * truePositives / ranked;
            // Once a gap is zero no later one is smaller (the first on ties is kept).
            if (!anyThreshold || (bestGap != 0 && Smaller(truePositives, ranked)))
            {
                (bestTruePositives, bestRanked, bestGap) = (truePositives, ranked, Gap(truePositives, ranked));
                anyThreshold = true;
            }
            fullRecall = truePositives >= positives;
        }
        (previousTruePositives, previousFalsePositives) = (truePositives, falsePositives);
    }

    /// <summary>The numerator TP·|k − P| of a threshold's gap |recall − precision| = TP·|k − P| / (P·k).</summary>
    private readonly long Gap(long truePositives, long ranked) => truePositives * Math.Abs(ranked - positives);

    /// <summary>Whether this threshold's gap is below the best so far: Gap/k &lt; bestGap/bestK, cross-multiplied exactly.</summary>
    private readonly bool Smaller(long truePositives, long ranked)
    {
        ulong high = Math.BigMul((ulong)Gap(truePositives, ranked), (ulong)bestRanked, out ulong low);
        ulong bestHigh = Math.BigMul((ulong)bestGap, (ulong)ranked, out ulong bestLow);
        return high < bestHigh || (high == bestHigh && low < bestLow);
    }

    /// <summary>The area under the ROC curve (trapezoids), or NaN when one class is absent.</summary>
    public readonly double RocAuc => positives == 0 || negatives == 0 ? double.NaN : doubledRocArea / (2.0 * positives * negatives);

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁)·Pₙ; NaN when there are no positives.</summary>
    public readonly double AveragePrecision => positives == 0 ? double.NaN : precisionSum / positives;

    /// <summary>The mean of recall and precision where they are closest; NaN when there are no positives.</summary>
    public readonly double BreakEven =>
        positives == 0 ? double.NaN : ((double)bestTruePositives / positives + (double)bestTruePositives / bestRanked) / 2;
}
