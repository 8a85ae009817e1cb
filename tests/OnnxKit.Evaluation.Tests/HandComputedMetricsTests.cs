using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>Small cases worked by hand, in the seeds' a/b/c/d notation (SEEDS §3.4).</summary>
public sealed class HandComputedMetricsTests
{
    /// <summary>a = 40 TP, b = 10 FN, c = 20 FP, d = 30 TN.</summary>
    private static readonly BinaryCounts Cells = new(40, 10, 20, 30);

    [Fact]
    public void The_four_cells_give_the_seeds_ratios()
    {
        Assert.Equal(0.7, Cells.Accuracy, 12);                  // (a + d) / total = 70 / 100
        Assert.Equal(40.0 / 60, Cells.Precision, 12);           // a / (a + c)
        Assert.Equal(0.8, Cells.Recall, 12);                    // a / (a + b)
        Assert.Equal(0.6, Cells.Specificity, 12);               // d / (c + d)
        Assert.Equal(0.4, Cells.FalsePositiveRate, 12);         // 1 − specificity
        Assert.Equal(2 * (2.0 / 3) * 0.8 / (2.0 / 3 + 0.8), Cells.F1, 12); // 8/11
        Assert.Equal(0.8 / 0.6, Cells.Lift, 12);                // recall / fraction predicted positive (60/100)
        Assert.Equal(5 * 10 + 1 * 20, Cells.Cost(new OutcomeCosts(0, 5, 1, 0)), 12);
    }

    [Fact]
    public void Cost_weighted_accuracy_places_the_cost_between_the_worst_and_the_best()
    {
        // Costs 0,5,1,0: cost 5·10 + 1·20 = 70; worst 50 positives · 5 + 50 negatives · 1 = 300; best 0.
        var missesCostFive = new OutcomeCosts(0, 5, 1, 0);
        Assert.Equal(230.0 / 300, Cells.CostWeightedAccuracy(missesCostFive), 12);
        // Errors cost 1, successes 0: the plain accuracy.
        Assert.Equal(Cells.Accuracy, Cells.CostWeightedAccuracy(new OutcomeCosts(0, 1, 1, 0)), 12);
        // Successes cost too (1,4,2,0.5): cost 40 + 40 + 40 + 15 = 135; worst 50·4 + 50·2 = 300; best 50·1 + 50·0.5 = 75.
        Assert.Equal(135, Cells.Cost(new OutcomeCosts(1, 4, 2, 0.5)), 12);
        Assert.Equal((300 - 135) / 225.0, Cells.CostWeightedAccuracy(new OutcomeCosts(1, 4, 2, 0.5)), 12);
        // Every decision costs the same: no better or worse, undefined.
        Assert.True(double.IsNaN(Cells.CostWeightedAccuracy(new OutcomeCosts(2, 2, 3, 3))));
    }

    [Fact]
    public void One_versus_rest_cells_of_a_three_class_matrix()
    {
        // truth:     0 0 0 1 1 2 2 2 2
        // predicted: 0 0 1 1 2 2 2 0 2
        var matrix = ConfusionMatrix.Of([0, 0, 0, 1, 1, 2, 2, 2, 2], [0, 0, 1, 1, 2, 2, 2, 0, 2], 3);
        Assert.Equal([[2L, 1, 0], [0, 1, 1], [1, 0, 3]], matrix.ToRows());
        Assert.Equal(new BinaryCounts(2, 1, 1, 5), matrix.OneVersusRest(0));
        Assert.Equal(new BinaryCounts(3, 1, 1, 4), matrix.OneVersusRest(2));
        Assert.Equal(6.0 / 9, matrix.Accuracy, 12);
        Assert.Equal(4.0 / 9, ClassificationMetrics.BaseRate([0, 0, 0, 1, 1, 2, 2, 2, 2], 3), 12);
    }

    [Fact]
    public void Roc_area_counts_the_correctly_ordered_pairs()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.55, 0.4];
        bool[] positive = [true, true, false, true, false, false];
        // Positives 0.9, 0.8, 0.6 against negatives 0.7, 0.55, 0.4: 3 + 3 + 2 of 9 pairs ordered.
        Assert.Equal(8.0 / 9, RankingMetrics.RocAuc(scores, positive), 12);
        // Precision at each positive: 1/1, 2/2, 3/4; AP = (1 + 1 + 0.75) / 3.
        Assert.Equal(2.75 / 3, RankingMetrics.AveragePrecision(scores, positive), 12);
        // Top 1/3 (2 examples) are both positive: (2/2) / (3/6) = 2.
        Assert.Equal(2, RankingMetrics.Lift(scores, positive, 1.0 / 3), 12);
        // Precision = recall = 2/3 at threshold 0.7 (2 of 3 predicted positives right, 2 of 3 positives found).
        Assert.Equal(2.0 / 3, RankingMetrics.BreakEven(scores, positive), 12);
        Assert.Equal(new BinaryCounts(2, 1, 1, 2), RankingMetrics.AtThreshold(scores, positive, 0.7));
    }

    [Fact]
    public void Tied_scores_are_one_threshold()
    {
        // All tied: the ROC goes straight from (0,0) to (1,1), area one half.
        Assert.Equal(0.5, RankingMetrics.RocAuc([0.5, 0.5, 0.5, 0.5], [true, false, true, false]), 12);
        Assert.Equal(2, RankingMetrics.RocCurve([0.5, 0.5, 0.5, 0.5], [true, false, true, false]).Count);
    }

    [Fact]
    public void Area_is_undefined_with_one_class() =>
        Assert.True(double.IsNaN(RankingMetrics.RocAuc([0.1, 0.9], [true, true])));

    [Fact]
    public void Calibration_error_of_a_hand_binned_case()
    {
        // Bin (0.6, 0.7]: 0.65, 0.65 — one right: |0.5 − 0.65| = 0.15, weight 2/4.
        // Bin (0.9, 1.0]: 0.95, 0.95 — both right: |1 − 0.95| = 0.05, weight 2/4.
        double ece = CalibrationMetrics.ExpectedCalibrationError([0.65, 0.65, 0.95, 0.95], [true, false, true, true], 10);
        Assert.Equal(0.5 * 0.15 + 0.5 * 0.05, ece, 12);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(7)]
    [InlineData(1)]
    public void Reliability_bins_values_on_and_beside_the_edges_as_the_computed_edges_say(int bins)
    {
        // Every edge as NumPy's linspace computes it (i·(1/bins)), the decimal i/bins, and the doubles either side:
        // a value belongs to the first bin whose upper edge is not below it, found here by walking the bins.
        double Edge(int i) => i == bins ? 1 : i * (1.0 / bins);
        var confidence = Enumerable.Range(0, bins + 1)
            .SelectMany(i => new[] { Edge(i), (double)i / bins, Math.BitDecrement(Edge(i)), Math.BitIncrement(Edge(i)) })
            .Where(v => v is >= 0 and <= 1)
            .Concat([0.0, 1.0, 0.5, 1e-300])
            .ToArray();
        var expected = new long[bins];
        foreach (double v in confidence)
        {
            int b = 0;
            while (b < bins - 1 && Edge(b + 1) < v) b++;
            expected[b]++;
        }
        var diagram = CalibrationMetrics.Reliability(confidence, new bool[confidence.Length], bins);
        Assert.Equal(expected, diagram.Select(b => b.Count));
    }

    [Fact]
    public void Regression_errors_of_a_hand_case()
    {
        double[] truth = [1, 2, 3, 4], predicted = [1, 3, 2, 6];
        Assert.Equal((0 + 1 + 1 + 2) / 4.0, RegressionMetrics.MeanAbsoluteError(truth, predicted), 12);
        Assert.Equal(Math.Sqrt((0 + 1 + 1 + 4) / 4.0), RegressionMetrics.RootMeanSquaredError(truth, predicted), 12);
        Assert.Equal(1 - 6 / 5.0, RegressionMetrics.R2(truth, predicted), 12); // SS_tot = 2.25 + 0.25 + 0.25 + 2.25
    }

    [Fact]
    public void McNemar_exact_test_of_a_hand_case()
    {
        // b = 1, c = 6: P(X ≤ 1) for Binomial(7, ½) = (1 + 7) / 128; two-sided 16/128.
        var result = McNemarTest.FromCounts(1, 6);
        Assert.Equal(16.0 / 128, result.ExactPValue, 12);
        Assert.Equal(16.0 / 7, result.ChiSquare, 12); // (|1 − 6| − 1)² / 7
        Assert.False(result.IsSignificant());
        Assert.True(McNemarTest.FromCounts(0, 12).IsSignificant()); // 2 / 4096
    }

    [Fact]
    public void Costs_parse_from_tp_fn_fp_tn()
    {
        Assert.Equal(new OutcomeCosts(0, 5, 1, 0), OutcomeCosts.Parse("0,5,1,0"));
        Assert.Throws<FormatException>(() => OutcomeCosts.Parse("1,2,3"));
    }
}
