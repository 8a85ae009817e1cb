using System.Buffers;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Results;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>Computes every classification measure of one output from its class probabilities, predictions and labels.</summary>
internal static class ClassificationAnalyzer
{
    private static readonly double[] LiftFractions = [0.05, 0.10, 0.20];

    /// <summary>Scores (examples × classes) from which the per-class rankings run on the thread pool.</summary>
    private const long ParallelMinimum = 1_000_000;

    /// <param name="probabilities">One row of class probabilities per example.</param>
    /// <param name="predicted">The predicted class of each example (argmax, or the threshold decision of a binary output).</param>
    /// <param name="labels">The true class of each example.</param>
    /// <param name="names">Class names by index.</param>
    /// <param name="logits">Whether the probabilities were computed from logits.</param>
    /// <param name="options">Threshold, costs, bins, curve size.</param>
    /// <param name="sweep">Whether to sweep the threshold of the last class (binary outputs).</param>
    public static ClassificationResult Analyze(ScoreMatrix probabilities, int[] predicted, int[] labels, IReadOnlyList<string> names, bool logits, EvaluationOptions options, bool sweep)
    {
        int k = probabilities.Columns;
        double threshold = options.Threshold ?? 0.5;
        var matrix = ConfusionMatrix.Of(labels, predicted, k);
        var scores = ClassificationMetrics.PerClass(matrix);
        var perClass = new ClassResult[k];
        // The scores column by column, in one pass (a class's column is its examples' scores, ranked as one span).
        int n = labels.Length;
        var rentedColumns = ArrayPool<double>.Shared.Rent(n * k);
        void MeasureClass(int c)
        {
            // The labels as the class's positives are needed only while the class is measured: rented, not left to the collector.
            var rentedPositives = ArrayPool<bool>.Shared.Rent(n);
            try
            {
                var column = rentedColumns.AsSpan(c * n, n);
                var positives = rentedPositives.AsSpan(0, n);
                MarkClass(labels, c, positives);
                var cells = matrix.OneVersusRest(c);
                using var ranking = ScoreRanking.Of(column, positives); // its curves are thinned into arrays below, before it is disposed
                var lift = new LiftAt[LiftFractions.Length];
                for (int i = 0; i < lift.Length; i++) lift[i] = new LiftAt(LiftFractions[i], Defined(ranking.Lift(LiftFractions[i])));
                perClass[c] = new ClassResult(c, names[c], scores[c].Precision, scores[c].Recall, scores[c].F1, scores[c].Support, cells,
                    Defined(ranking.RocAuc()),
                    Defined(ranking.AveragePrecision()),
                    Defined(ranking.BreakEven()),
                    lift,
                    ranking.AtThreshold(threshold),
                    options.Costs is { } costs ? cells.Cost(costs) : null,
                    new ClassCurves(
                        CurveSampler.Thin(ranking.RocCurve(), options.CurvePoints),
                        CurveSampler.Thin(ranking.PrecisionRecallCurve(), options.CurvePoints),
                        CurveSampler.Thin(ranking.LiftCurve(), options.CurvePoints)),
                    options.Costs is { } weights ? Defined(cells.CostWeightedAccuracy(weights)) : null);
            }
            finally
            {
                ArrayPool<bool>.Shared.Return(rentedPositives);
            }
        }
        try
        {
            probabilities.CopyColumns(rentedColumns);
            // Each class's ranking (a sort of every example's score) is independent of the others': with many examples they
            // run in parallel, each writing its own slot, so the results do not depend on the order they finish in. Below
            // ParallelMinimum scores the rankings take a few milliseconds and handing them to the thread pool costs more.
            if ((long)n * k >= ParallelMinimum && Environment.ProcessorCount > 1) Parallel.For(0, k, MeasureClass);
            else for (int c = 0; c < k; c++) MeasureClass(c);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rentedColumns);
        }

        var (confidence, correct) = Confidence(probabilities, predicted, labels);
        var reliability = CalibrationMetrics.Reliability(confidence, correct, options.CalibrationBins);
        var labelRanks = ClassificationMetrics.LabelRanks(probabilities, labels);
        var aucs = perClass.Select(c => c.Auc).ToArray();
        return new ClassificationResult(
            labels.Length, names, logits,
            matrix.Accuracy,
            ClassificationMetrics.BaseRate(labels, k),
            new[] { 1, 3, 5 }.Where(t => t < k || t == 1).Select(t => new TopKAccuracy(t, ClassificationMetrics.TopK(labelRanks, t))).ToArray(),
            matrix.ToRows(),
            perClass,
            Average(ClassificationMetrics.MacroAverage(scores)),
            Average(ClassificationMetrics.MicroAverage(matrix)),
            Average(ClassificationMetrics.WeightedAverage(scores)),
            aucs.All(a => a is not null) ? aucs.Average(a => a!.Value) : null,
            new CalibrationResult(CalibrationMetrics.ExpectedCalibrationError(reliability), reliability),
            threshold,
            sweep ? Sweep(probabilities.Column(k - 1), k - 1, labels, options.Costs) : [],
            options.Costs is { } outputCosts ? OutputCost(outputCosts, perClass, names, labels.Length) : null);
    }

    /// <summary>Marks which examples are of class <paramref name="c"/>.</summary>
    private static void MarkClass(int[] labels, int c, Span<bool> positives)
    {
        for (int i = 0; i < labels.Length; i++) positives[i] = labels[i] == c;
    }

    /// <summary>Each example's probability of its predicted class, and whether that prediction is right.</summary>
    private static (double[] Confidence, bool[] Correct) Confidence(ScoreMatrix probabilities, int[] predicted, int[] labels)
    {
        var confidence = new double[labels.Length];
        var correct = new bool[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            confidence[i] = probabilities.Row(i)[predicted[i]];
            correct[i] = predicted[i] == labels[i];
        }
        return (confidence, correct);
    }

    private static IReadOnlyList<ThresholdRow> Sweep(double[] scores, int positiveClass, int[] labels, OutcomeCosts? costs)
    {
        var positives = new bool[labels.Length];
        MarkClass(labels, positiveClass, positives);
        return Enumerable.Range(1, 19).Select(i =>
        {
            double t = i / 20.0;
            var cells = RankingMetrics.AtThreshold(scores, positives, t);
            return new ThresholdRow(t, cells, cells.Accuracy, cells.Precision, cells.Recall, cells.F1,
                costs is null ? null : cells.Cost(costs), costs is null ? null : Defined(cells.CostWeightedAccuracy(costs)));
        }).ToArray();
    }

    /// <summary>
    /// The output's single cost figure: the positive (last) class's cells of a two-class output; with more classes,
    /// every class's one-vs-rest cells summed, each example's worst and best being its dearer and cheaper decision.
    /// </summary>
    private static CostResult OutputCost(OutcomeCosts costs, ClassResult[] perClass, IReadOnlyList<string> names, long examples)
    {
        if (perClass.Length == 2)
            return CostResult.Of(costs, $"positive class '{names[1]}'", perClass[1].Cells, examples, perClass[1].Cells.CostWeightedAccuracy(costs));
        var sum = perClass.Aggregate(new BinaryCounts(0, 0, 0, 0), (s, c) => new BinaryCounts(s.A + c.Cells.A, s.B + c.Cells.B, s.C + c.Cells.C, s.D + c.Cells.D));
        var (right, wrong) = costs.SingleLabelDecision(perClass.Length);
        double weighted = OutcomeCosts.WeightedAccuracy(sum.Cost(costs), examples * Math.Max(right, wrong), examples * Math.Min(right, wrong));
        return CostResult.Of(costs, $"one-vs-rest cells summed over the {perClass.Length} classes", sum, examples, weighted);
    }

    private static AverageScores Average(ClassScores scores) => new(scores.Precision, scores.Recall, scores.F1);

    /// <summary>NaN (an undefined measure) as null, so reports say "undefined" rather than print NaN.</summary>
    public static double? Defined(double value) => double.IsNaN(value) ? null : value;
}
