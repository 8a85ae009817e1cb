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

    /// <summary>Formats as <c>tp,fn,fp,tn</c>.</summary>
    public override string ToString() => string.Join(",", new[] { TruePositive, FalseNegative, FalsePositive, TrueNegative }.Select(v => v.ToString(CultureInfo.InvariantCulture)));
}
