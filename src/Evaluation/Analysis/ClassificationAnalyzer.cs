using System.Buffers;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Results;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>Computes every classification measure of one output from its class probabilities, predictions and labels.</summary>
internal static class ClassificationAnalyzer
{
    private static readonly double[] LiftFractions = [0.05, 0.10, 0.20];

    /// <summary>
    /// Scores (examples × classes) from which the per-class rankings run on the thread pool: 50,000 take about half a
    /// millisecond to rank, several times what handing them out costs.
    /// </summary>
    private const long ParallelMinimum = 50_000;

    /// <param name="probabilities">One row of class probabilities per example.</param>
    /// <param name="decisions">The threshold decision of each example of a binary output, or null to predict each example's most probable class.</param>
    /// <param name="labels">The true class of each example.</param>
    /// <param name="names">Class names by index.</param>
    /// <param name="logits">Whether the probabilities were computed from logits.</param>
    /// <param name="options">Threshold, costs, bins, curve size.</param>
    /// <param name="sweep">Whether to sweep the threshold of the last class (binary outputs).</param>
    /// <param name="predicted">The predicted class of each example: <paramref name="decisions"/>, or the most probable.</param>
    public static ClassificationResult Analyze(ScoreMatrix probabilities, int[]? decisions, int[] labels, IReadOnlyList<string> names, bool logits,
        EvaluationOptions options, bool sweep, out int[] predicted)
    {
        int k = probabilities.Columns, n = labels.Length;
        double threshold = options.Threshold ?? 0.5;
        // The scores column by column, in one pass: a class's column is its examples' scores, ranked as one span, and the
        // most probable classes are found in vectors across examples.
        var columns = ArrayPool<double>.Shared.Rent(n * k);
        try
        {
            probabilities.CopyColumns(columns);
            var predictions = predicted = decisions ?? ScoreMatrix.ArgMaxOfColumns(columns.AsSpan(0, n * k), n, k);
            var matrix = ConfusionMatrix.Of(labels, predictions, k);
            var scores = ClassificationMetrics.PerClass(matrix);
            var perClass = new ClassResult[k];
            // The measures of each example's row: calibration and the label's rank (for top-k accuracy).
            IReadOnlyList<ReliabilityBin> reliability = [];
            int[] labelRanks = [];
            void MeasureRows()
            {
                var (confidence, correct) = Confidence(probabilities, predictions, labels);
                reliability = CalibrationMetrics.Reliability(confidence, correct, options.CalibrationBins);
                labelRanks = ClassificationMetrics.LabelRanks(probabilities, labels);
            }
            void Measure(int c)
            {
                if (c < k) perClass[c] = MeasureClass(c, columns.AsSpan(c * n, n), labels, matrix.OneVersusRest(c), scores[c], names[c], threshold, options);
                else MeasureRows();
            }
            // Each class's ranking (a sort of every example's score) is independent of the others' and of the rows'
            // measures: with many examples they run in parallel (the rows' measures as one more item), each writing its own
            // result, so the results do not depend on the order they finish in.
            if ((long)n * k >= ParallelMinimum && Environment.ProcessorCount > 1) InParallel(k + 1, Measure);
            else for (int c = 0; c <= k; c++) Measure(c);

            var aucs = perClass.Select(c => c.Auc).ToArray();
            return new ClassificationResult(
                n, names, logits,
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
                sweep ? Sweep(columns.AsSpan((k - 1) * n, n), k - 1, labels, options.Costs) : [],
                options.Costs is { } outputCosts ? OutputCost(outputCosts, perClass, names, n) : null);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(columns);
        }
    }

    /// <summary>
    /// Runs items 0 to <paramref name="count"/> − 1 on the thread pool, failing as they would one after another: with the
    /// first item's own exception (a NaN score's <see cref="ArgumentException"/>, say), not the pool's wrapper.
    /// </summary>
    private static void InParallel(int count, Action<int> item)
    {
        try
        {
            Parallel.For(0, count, item);
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>Class <paramref name="c"/>'s measures: its cells and scores, and those of ranking its examples by <paramref name="column"/>.</summary>
    private static ClassResult MeasureClass(int c, ReadOnlySpan<double> column, int[] labels, BinaryCounts cells, ClassScores score, string name,
        double threshold, EvaluationOptions options)
    {
        // The labels as the class's positives are needed only while the class is measured: rented, not left to the collector.
        var rentedPositives = ArrayPool<bool>.Shared.Rent(labels.Length);
        try
        {
            var positives = rentedPositives.AsSpan(0, labels.Length);
            MarkClass(labels, c, positives);
            using var ranking = ScoreRanking.Of(column, positives); // its curves are thinned into arrays below, before it is disposed
            var lift = new LiftAt[LiftFractions.Length];
            for (int i = 0; i < lift.Length; i++) lift[i] = new LiftAt(LiftFractions[i], Defined(ranking.Lift(LiftFractions[i])));
            return new ClassResult(c, name, score.Precision, score.Recall, score.F1, score.Support, cells,
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

    private static IReadOnlyList<ThresholdRow> Sweep(ReadOnlySpan<double> scores, int positiveClass, int[] labels, OutcomeCosts? costs)
    {
        var positives = new bool[labels.Length];
        MarkClass(labels, positiveClass, positives);
        var rows = new ThresholdRow[19];
        for (int i = 0; i < rows.Length; i++)
        {
            double t = (i + 1) / 20.0;
            var cells = RankingMetrics.AtThreshold(scores, positives, t);
            rows[i] = new ThresholdRow(t, cells, cells.Accuracy, cells.Precision, cells.Recall, cells.F1,
                costs is null ? null : cells.Cost(costs), costs is null ? null : Defined(cells.CostWeightedAccuracy(costs)));
        }
        return rows;
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
