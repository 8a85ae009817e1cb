using OnnxKit.Evaluation.Metrics;
using OnnxKit.Evaluation.Tests.TestSupport;

namespace OnnxKit.Evaluation.Tests;

/// <summary>
/// Every measure, on the same seeded predictions, against scikit-learn's (and SciPy's) own
/// implementation, to 1e-9. The scores are probabilities on a coarse grid so that many tie, and
/// the classes are imbalanced with one class never predicted, so the tie and zero-division rules
/// are exercised too.
/// </summary>
public sealed class MetricsAgainstSklearnTests
{
    private const double Tolerance = 1e-9;
    private const int Classes = 5;

    private static (int[] Labels, ScoreMatrix Scores) Predictions(int n = 600, int seed = 7)
    {
        var random = new Random(seed);
        var labels = new int[n];
        var scores = new double[n * Classes];
        for (int i = 0; i < n; i++)
        {
            labels[i] = random.NextDouble() switch { < 0.4 => 0, < 0.65 => 1, < 0.85 => 2, < 0.95 => 3, _ => 4 };
            var weights = new int[Classes];
            for (int k = 0; k < Classes; k++) weights[k] = random.Next(0, 4);
            weights[labels[i]] += random.Next(0, 4); // informative, not perfect
            weights[4] = 0; // class 4 is never the argmax unless all are zero
            if (weights.Sum() == 0) weights[0] = 1;
            for (int k = 0; k < Classes; k++) scores[i * Classes + k] = (double)weights[k] / weights.Sum();
        }
        return (labels, new ScoreMatrix(scores, n, Classes));
    }

    [SklearnFact]
    public void Classification_ranking_regression_calibration_and_mcnemar_match_scikit_learn()
    {
        var (labels, scores) = Predictions();
        var predicted = scores.ArgMax();
        var random = new Random(3);
        var truth = Enumerable.Range(0, 200).Select(_ => random.NextDouble() * 10).ToArray();
        var estimate = truth.Select(t => t + random.NextDouble() * 2 - 1).ToArray();
        var confidence = Enumerable.Range(0, labels.Length).Select(i => scores.Row(i)[predicted[i]]).ToArray();
        var correct = labels.Select((l, i) => l == predicted[i]).ToArray();
        long[][] discordant = [[0, 0], [3, 9], [25, 40], [120, 100], [7, 7]];

        var expected = Sklearn.Compute(new
        {
            labels,
            scores = Enumerable.Range(0, scores.Rows).Select(i => scores.Row(i).ToArray()).ToArray(),
            regression = new { truth, predicted = estimate },
            mcnemar = discordant,
            calibration = new { correct = correct.Select(c => c ? 1 : 0).ToArray(), confidence, bins = 10 },
        });

        var matrix = ConfusionMatrix.Of(labels, predicted, Classes);
        Assert.Equal(expected["confusion"]!.AsArray().Select(r => r!.AsArray().Select(v => v!.GetValue<long>()).ToArray()).ToArray(), matrix.ToRows());
        Assert.Equal(expected["accuracy"]!.GetValue<double>(), ClassificationMetrics.Accuracy(labels, predicted), Tolerance);
        Assert.Equal(expected["accuracy"]!.GetValue<double>(), matrix.Accuracy, Tolerance);
        Assert.Equal(expected["top2"]!.GetValue<double>(), ClassificationMetrics.TopK(scores, labels, 2), Tolerance);

        var perClass = ClassificationMetrics.PerClass(matrix);
        AssertClose(Sklearn.Doubles(expected["precision"]), perClass.Select(c => c.Precision));
        AssertClose(Sklearn.Doubles(expected["recall"]), perClass.Select(c => c.Recall));
        AssertClose(Sklearn.Doubles(expected["f1"]), perClass.Select(c => c.F1));
        Assert.Equal(Sklearn.Doubles(expected["support"]).Select(v => (long)v), perClass.Select(c => c.Support));
        Assert.Equal(0, perClass[4].Precision); // never predicted: zero_division=0
        foreach (var (name, average) in new[]
        {
            ("macro", ClassificationMetrics.MacroAverage(perClass)),
            ("micro", ClassificationMetrics.MicroAverage(matrix)),
            ("weighted", ClassificationMetrics.WeightedAverage(perClass)),
        })
        {
            AssertClose(Sklearn.Doubles(expected[name]), [average.Precision, average.Recall, average.F1]);
        }

        var auc = Enumerable.Range(0, Classes).Select(k => RankingMetrics.RocAuc(scores.Column(k), labels.Select(l => l == k).ToArray())).ToArray();
        AssertClose(Sklearn.Doubles(expected["auc"]), auc);
        Assert.Equal(expected["macroAuc"]!.GetValue<double>(), auc.Average(), Tolerance);
        AssertClose(Sklearn.Doubles(expected["ap"]),
            Enumerable.Range(0, Classes).Select(k => RankingMetrics.AveragePrecision(scores.Column(k), labels.Select(l => l == k).ToArray())));

        var positives0 = labels.Select(l => l == 0).ToArray();
        var roc = RankingMetrics.RocCurve(scores.Column(0), positives0);
        AssertClose(Sklearn.Doubles(expected["roc0"]!["fpr"]), roc.Select(p => p.X));
        AssertClose(Sklearn.Doubles(expected["roc0"]!["tpr"]), roc.Select(p => p.Y));
        AssertClose(Sklearn.Doubles(expected["roc0"]!["thresholds"]), roc.Skip(1).Select(p => p.Threshold));
        var pr = RankingMetrics.PrecisionRecallCurve(scores.Column(0), positives0);
        AssertClose(Sklearn.Doubles(expected["pr0"]!["precision"]), pr.Select(p => p.Y));
        AssertClose(Sklearn.Doubles(expected["pr0"]!["recall"]), pr.Select(p => p.X));
        AssertClose(Sklearn.Doubles(expected["pr0"]!["thresholds"]), pr.Select(p => p.Threshold));

        Assert.Equal(expected["mae"]!.GetValue<double>(), RegressionMetrics.MeanAbsoluteError(truth, estimate), Tolerance);
        Assert.Equal(expected["rmse"]!.GetValue<double>(), RegressionMetrics.RootMeanSquaredError(truth, estimate), Tolerance);
        Assert.Equal(expected["r2"]!.GetValue<double>(), RegressionMetrics.R2(truth, estimate), Tolerance);

        var tests = expected["mcnemar"]!.AsArray();
        for (int i = 0; i < discordant.Length; i++)
        {
            var result = McNemarTest.FromCounts(discordant[i][0], discordant[i][1]);
            Assert.Equal(tests[i]!["chi2"]!.GetValue<double>(), result.ChiSquare, Tolerance);
            Assert.Equal(tests[i]!["chi2P"]!.GetValue<double>(), result.ChiSquarePValue, Tolerance);
            Assert.Equal(tests[i]!["exactP"]!.GetValue<double>(), result.ExactPValue, Tolerance);
        }

        var bins = CalibrationMetrics.Reliability(confidence, correct, 10).Where(b => b.Count > 0).ToArray();
        AssertClose(Sklearn.Doubles(expected["calibration"]!["accuracy"]), bins.Select(b => b.Accuracy));
        AssertClose(Sklearn.Doubles(expected["calibration"]!["confidence"]), bins.Select(b => b.MeanConfidence));
    }

    [SklearnFact]
    public void Cost_weighted_figures_match_scikit_learns_weighted_accuracy_and_confusion_matrix()
    {
        var (labels, scores) = Predictions();
        var matrix = ConfusionMatrix.Of(labels, scores.ArgMax(), Classes);
        OutcomeCosts[] costs = [new(0, 5, 1, 0), new(0, 1, 1, 0), new(1, 4, 2, 0.5)];
        var expected = Sklearn.Compute(new
        {
            labels,
            scores = Enumerable.Range(0, scores.Rows).Select(i => scores.Row(i).ToArray()).ToArray(),
            costs = costs.Select(c => new[] { c.TruePositive, c.FalseNegative, c.FalsePositive, c.TrueNegative }).ToArray(),
        }).AsArray();
        for (int set = 0; set < costs.Length; set++)
        {
            for (int k = 0; k < Classes; k++)
            {
                var cells = matrix.OneVersusRest(k);
                var row = expected[set]![k]!;
                Assert.Equal(row["total"]!.GetValue<double>(), cells.Cost(costs[set]), Tolerance);
                Assert.Equal(row["weightedAccuracy"]!.GetValue<double>(), cells.CostWeightedAccuracy(costs[set]), Tolerance);
            }
        }
    }

    private static void AssertClose(double[] expected, IEnumerable<double> actual)
    {
        var values = actual.ToArray();
        Assert.True(expected.Length == values.Length, $"expected {expected.Length} values, got {values.Length}");
        for (int i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - values[i]) <= Tolerance, $"entry {i}: expected {expected[i]:R}, got {values[i]:R}");
    }
}
