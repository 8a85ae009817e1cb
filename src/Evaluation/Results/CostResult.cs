using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Results;

/// <summary>
/// What a set of two-class decisions cost under <c>--costs tp,fn,fp,tn</c>, as one figure and its parts
/// (see <see cref="BinaryCounts.CostWeightedAccuracy"/> for the definition).
/// </summary>
/// <param name="Costs">The costs of TP, FN, FP and TN.</param>
/// <param name="Basis">Whose cells: the positive class of a binary output, or every class's one-vs-rest cells summed.</param>
/// <param name="Cells">The a/b/c/d cells the figures are of.</param>
/// <param name="Total">w_a·a + w_b·b + w_c·c + w_d·d.</param>
/// <param name="PerExample">The total over the number of examples: the expected cost of one example.</param>
/// <param name="WeightedAccuracy">(cost_worst − total) / (cost_worst − cost_best), 1 best, 0 worst; null when every decision costs the same.
/// For two classes cost_worst and cost_best are those of <see cref="BinaryCounts.CostWeightedAccuracy"/>; for more, each example's
/// dearer and cheaper single-label decision (<see cref="OutcomeCosts.SingleLabelDecision"/>).</param>
public sealed record CostResult(OutcomeCosts Costs, string Basis, BinaryCounts Cells, double Total, double PerExample, double? WeightedAccuracy)
{
    /// <summary>
    /// The figures of <paramref name="cells"/>, from <paramref name="examples"/> examples, under <paramref name="costs"/>, with
    /// <paramref name="weightedAccuracy"/> (NaN for undefined) computed for how those cells arose.
    /// </summary>
    public static CostResult Of(OutcomeCosts costs, string basis, BinaryCounts cells, long examples, double weightedAccuracy)
    {
        double total = cells.Cost(costs);
        return new CostResult(costs, basis, cells, total, examples == 0 ? 0 : total / examples, double.IsNaN(weightedAccuracy) ? null : weightedAccuracy);
    }
}
