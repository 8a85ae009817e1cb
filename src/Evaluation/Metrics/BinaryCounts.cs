namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// The four cells of a two-class confusion matrix in the seeds' notation (SEEDS §3.4, after
/// Caruana): <c>a</c> true 1 predicted 1 (TP), <c>b</c> true 1 predicted 0 (FN), <c>c</c> true 0
/// predicted 1 (FP), <c>d</c> true 0 predicted 0 (TN). Ratios with a zero denominator are 0, as
/// scikit-learn's <c>zero_division=0</c> makes them.
/// </summary>
public readonly record struct BinaryCounts(long A, long B, long C, long D)
{
    /// <summary>True positives (<see cref="A"/>).</summary>
    public long TruePositives => A;

    /// <summary>False negatives (<see cref="B"/>).</summary>
    public long FalseNegatives => B;

    /// <summary>False positives (<see cref="C"/>).</summary>
    public long FalsePositives => C;

    /// <summary>True negatives (<see cref="D"/>).</summary>
    public long TrueNegatives => D;

    /// <summary>a + b + c + d.</summary>
    public long Total => A + B + C + D;

    /// <summary>(a + d) / (a + b + c + d).</summary>
    public double Accuracy => Ratio(A + D, Total);

    /// <summary>a / (a + c): how many predicted positives are positive.</summary>
    public double Precision => Ratio(A, A + C);

    /// <summary>a / (a + b), also sensitivity and true-positive rate.</summary>
    public double Recall => Ratio(A, A + B);

    /// <summary>d / (c + d), the true-negative rate.</summary>
    public double Specificity => Ratio(D, C + D);

    /// <summary>c / (c + d) = 1 − specificity.</summary>
    public double FalsePositiveRate => Ratio(C, C + D);

    /// <summary>2PR / (P + R), 0 when both are 0.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>
    /// Lift of the predicted positives: [a / (a + b)] / [(a + c) / (a + b + c + d)], recall over the
    /// fraction predicted positive (how much better than random the predicted-positive part is).
    /// </summary>
    public double Lift => Ratio(A * (double)Total, (double)(A + B) * (A + C));

    /// <summary>
    /// The total cost w_a·a + w_b·b + w_c·c + w_d·d of these outcomes under <paramref name="costs"/>
    /// (Caruana's weighted accuracy; often w_a = w_d = 0).
    /// </summary>
    public double Cost(OutcomeCosts costs) => costs.TruePositive * A + costs.FalseNegative * B + costs.FalsePositive * C + costs.TrueNegative * D;

    /// <summary>
    /// Cost-weighted accuracy: where the total cost lies between the worst and the best that decisions
    /// on these examples could cost, 1 at the best and 0 at the worst:
    /// (cost_worst − cost) / (cost_worst − cost_best), with cost_worst = (a + b)·max(w_a, w_b) + (c + d)·max(w_c, w_d)
    /// and cost_best = (a + b)·min(w_a, w_b) + (c + d)·min(w_c, w_d). With costs 0,1,1,0 it is the accuracy; with
    /// w_a = w_d = 0 it is the accuracy with each example weighted by the cost of getting it wrong. NaN when every
    /// decision costs the same (cost_worst = cost_best).
    /// </summary>
    public double CostWeightedAccuracy(OutcomeCosts costs)
    {
        long positives = A + B, negatives = C + D;
        double worst = positives * Math.Max(costs.TruePositive, costs.FalseNegative) + negatives * Math.Max(costs.FalsePositive, costs.TrueNegative);
        double best = positives * Math.Min(costs.TruePositive, costs.FalseNegative) + negatives * Math.Min(costs.FalsePositive, costs.TrueNegative);
        return OutcomeCosts.WeightedAccuracy(Cost(costs), worst, best);
    }

    /// <summary>Formats as <c>a=…, b=…, c=…, d=…</c>.</summary>
    public override string ToString() => $"a={A}, b={B}, c={C}, d={D}";

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
