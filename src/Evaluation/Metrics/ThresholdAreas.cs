namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// The ROC area, average precision and break-even point summed as a ranking's thresholds are met, highest score
/// first, so that no second pass over the thresholds is needed. Each threshold gives the positives and the examples
/// scored at or above it; each measure is accumulated in the order, and with the arithmetic, of its curve's points
/// (<see cref="ScoreRanking.RocCurve"/>, <see cref="ScoreRanking.PrecisionRecallCurve"/>), so its figure is the one
/// summing those points gives.
/// </summary>
/// <param name="positives">The positive examples in all.</param>
/// <param name="negatives">The negative examples in all.</param>
internal struct ThresholdAreas(long positives, long negatives)
{
    private double roc, x, y;
    private double averagePrecision, previousRecall;
    private double bestRecall, bestPrecision, bestGap = double.PositiveInfinity;
    private bool anyThreshold;
    private bool fullRecall; // the precision–recall curve stops at the first threshold with every positive

    /// <summary>Adds the next threshold (scores decreasing).</summary>
    /// <param name="truePositives">The positives scored at or above it.</param>
    /// <param name="ranked">The examples scored at or above it.</param>
    public void Add(int truePositives, int ranked)
    {
        double recall = (double)truePositives / positives;
        double nextX = (double)(ranked - truePositives) / negatives;
        roc += (nextX - x) * (recall + y) / 2;
        (x, y) = (nextX, recall);
        if (fullRecall) return;
        double precision = (double)truePositives / ranked;
        averagePrecision += (recall - previousRecall) * precision;
        previousRecall = recall;
        double gap = Math.Abs(recall - precision);
        if (!anyThreshold || gap < bestGap) (bestRecall, bestPrecision, bestGap) = (recall, precision, gap);
        anyThreshold = true;
        fullRecall = truePositives >= positives;
    }

    /// <summary>The area under the ROC curve (trapezoids), or NaN when one class is absent.</summary>
    public readonly double RocAuc => positives == 0 || negatives == 0 ? double.NaN : roc;

    /// <summary>Average precision, Σ (Rₙ − Rₙ₋₁)·Pₙ; NaN when there are no positives.</summary>
    public readonly double AveragePrecision => positives == 0 ? double.NaN : averagePrecision;

    /// <summary>The mean of recall and precision where they are closest; NaN when there are no positives.</summary>
    public readonly double BreakEven => positives == 0 ? double.NaN : (bestRecall + bestPrecision) / 2;
}
