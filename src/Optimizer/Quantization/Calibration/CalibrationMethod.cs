using System.Globalization;

namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>A calibration method with its settings; <see cref="Parse"/> reads the command line's form (<c>percentile:99.99</c>).</summary>
/// <param name="Kind">The method.</param>
/// <param name="Percentile">For <see cref="CalibrationMethodKind.Percentile"/>: the share of values kept inside the range, in percent.</param>
/// <param name="MovingAverage">For <see cref="CalibrationMethodKind.MinMax"/>: use moving averages of the per-batch minimum and maximum instead of the extremes.</param>
/// <param name="AveragingConstant">The weight of each new batch in the moving averages.</param>
/// <param name="Bins">Histogram bins for the histogram-based methods.</param>
public sealed record CalibrationMethod(CalibrationMethodKind Kind, double Percentile = 99.999, bool MovingAverage = false,
    double AveragingConstant = 0.01, int Bins = 4096)
{
    /// <summary>Plain min/max, the default.</summary>
    public static CalibrationMethod MinMax { get; } = new(CalibrationMethodKind.MinMax);

    /// <summary>True when the method needs histograms.</summary>
    public bool UsesHistogram => Kind != CalibrationMethodKind.MinMax;

    /// <summary>
    /// Reads <c>minmax</c>, <c>minmax:moving-average</c>, <c>entropy</c>, <c>percentile</c>,
    /// <c>percentile:99.99</c> or <c>distribution</c>.
    /// </summary>
    /// <exception cref="FormatException">The text names no method, or the percentile is not in (0, 100].</exception>
    public static CalibrationMethod Parse(string text)
    {
        var (name, argument) = text.IndexOf(':') is var colon and >= 0 ? (text[..colon], text[(colon + 1)..]) : (text, null);
        switch (name.Trim().ToLowerInvariant())
        {
            case "minmax" when argument is null: return MinMax;
            case "minmax" when argument == "moving-average": return MinMax with { MovingAverage = true };
            case "entropy" when argument is null: return new(CalibrationMethodKind.Entropy);
            case "distribution" when argument is null: return new(CalibrationMethodKind.Distribution);
            case "percentile":
                double p = 99.999;
                if (argument is not null && (!double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out p) || p <= 0 || p > 100))
                    throw new FormatException($"'{text}': the percentile must be a number in (0, 100], e.g. percentile:99.99.");
                return new(CalibrationMethodKind.Percentile, p);
            default:
                throw new FormatException($"'{text}' is not a calibration method; use minmax, minmax:moving-average, entropy, percentile[:P] or distribution.");
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        CalibrationMethodKind.MinMax => MovingAverage ? "minmax:moving-average" : "minmax",
        CalibrationMethodKind.Percentile => string.Create(CultureInfo.InvariantCulture, $"percentile:{Percentile}"),
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
