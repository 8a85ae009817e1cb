using System.Globalization;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>
/// How far the quantized model may drift from the float one on the evaluation samples: a minimum
/// cosine similarity or a maximum relative error (‖q − f‖ / ‖f‖) of every output, and/or a maximum
/// drop of top-1 accuracy in percentage points (labelled data). When the quantized model is beyond
/// it, layers go back to float, worst first, until it holds.
/// </summary>
/// <param name="MinCosine">Every output's cosine similarity must reach this.</param>
/// <param name="MaxRelativeError">Every output's relative L2 error must stay at or below this.</param>
/// <param name="MaxAccuracyDrop">Top-1 accuracy may fall by at most this many points.</param>
public sealed record QuantizationBudget(double? MinCosine = null, double? MaxRelativeError = null, double? MaxAccuracyDrop = null)
{
    /// <summary>
    /// Reads <c>cosine:0.99</c>, <c>relative:0.05</c>, or a bare number (a relative error).
    /// </summary>
    /// <exception cref="FormatException">The text is not one of those forms, or the value is out of range.</exception>
    public static QuantizationBudget ParseError(string text)
    {
        var (kind, number) = text.IndexOf(':') is var colon and >= 0 ? (text[..colon].Trim().ToLowerInvariant(), text[(colon + 1)..]) : ("relative", text);
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            throw new FormatException($"'{text}' is not an error budget; use cosine:0.99 or relative:0.05.");
        return kind switch
        {
            "cosine" when value is > -1 and <= 1 => new QuantizationBudget(MinCosine: value),
            "relative" when value > 0 => new QuantizationBudget(MaxRelativeError: value),
            _ => throw new FormatException($"'{text}' is not an error budget; use cosine:C with C in (-1, 1] or relative:R with R > 0."),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => string.Join(", ", new[]
    {
        MinCosine is { } c ? string.Create(CultureInfo.InvariantCulture, $"cosine ≥ {c}") : null,
        MaxRelativeError is { } r ? string.Create(CultureInfo.InvariantCulture, $"relative error ≤ {r}") : null,
        MaxAccuracyDrop is { } d ? string.Create(CultureInfo.InvariantCulture, $"top-1 drop ≤ {d} points") : null,
    }.OfType<string>());
}
