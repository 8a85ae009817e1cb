using System.Globalization;

namespace OnnxKit.Evaluation.Metrics;

/// <summary>The cost of each outcome of a two-class decision: the weights w_a, w_b, w_c, w_d of <see cref="BinaryCounts.Cost"/>.</summary>
public sealed record OutcomeCosts(double TruePositive, double FalseNegative, double FalsePositive, double TrueNegative)
{
    /// <summary>Parses <c>tp,fn,fp,tn</c>, e.g. <c>0,5,1,0</c> (a missed positive costs five false alarms).</summary>
    /// <exception cref="FormatException">Not four finite numbers.</exception>
    public static OutcomeCosts Parse(string text)
    {
        var parts = text.Split(',');
        var values = parts.Select(p => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v : double.NaN).ToArray();
        if (values.Length != 4 || values.Any(double.IsNaN))
            throw new FormatException($"'{text}' is not four costs; write tp,fn,fp,tn, e.g. 0,5,1,0.");
        return new OutcomeCosts(values[0], values[1], values[2], values[3]);
    }

    /// <summary>
    /// What one single-label decision among <paramref name="classes"/> classes costs over its one-vs-rest cells: right,
    /// a TP for its class and a TN for each other (w_a + (k − 1)·w_d); wrong, an FN for its class, an FP for the class
    /// chosen and a TN for the rest (w_b + w_c + (k − 2)·w_d).
    /// </summary>
    public (double Right, double Wrong) SingleLabelDecision(int classes) =>
        (TruePositive + (classes - 1) * TrueNegative, FalseNegative + FalsePositive + (classes - 2) * TrueNegative);

    /// <summary>(<paramref name="worst"/> − <paramref name="cost"/>) / (<paramref name="worst"/> − <paramref name="best"/>): 1 at the best cost, 0 at the worst; NaN when they are equal.</summary>
    public static double WeightedAccuracy(double cost, double worst, double best) => worst == best ? double.NaN : (worst - cost) / (worst - best);

    /// <summary>Formats as <c>tp,fn,fp,tn</c>.</summary>
    public override string ToString() => string.Join(",", new[] { TruePositive, FalseNegative, FalsePositive, TrueNegative }.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
