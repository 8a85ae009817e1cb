namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// The scale and zero point that map a real range onto a quantized range. The range is widened to
/// hold 0 (so zero padding and ReLU's zeros are exact); symmetric quantization widens it to
/// [−a, a] with a the larger magnitude and fixes the zero point at the middle (0 for signed
/// types, 2^(bits−1) for unsigned ones). Then scale = (max − min) / (qmax − qmin), rounded to
/// float32, and zero point = round(qmin − min / scale), half to even. An empty range (all zeros)
/// gets scale 1.
/// </summary>
public static class RangeParameters
{
    /// <summary>The float32 scale and the zero point for values in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    /// <exception cref="ArgumentException">A bound is NaN or infinite, or min exceeds max.</exception>
    public static (float Scale, long ZeroPoint) For(double min, double max, QuantizedType type, bool symmetric)
    {
        if (!double.IsFinite(min) || !double.IsFinite(max) || min > max)
            throw new ArgumentException($"Cannot quantize the range [{min}, {max}]: its bounds must be finite and ordered.");
        min = Math.Min(min, 0);
        max = Math.Max(max, 0);
        long centre = type.IsSigned ? 0 : (type.Min + type.Max + 1) / 2;
        if (symmetric)
        {
            double magnitude = Math.Max(-min, max);
            (min, max) = (-magnitude, magnitude);
        }
        float scale = (float)((max - min) / (type.Max - type.Min));
        if (scale == 0 || !float.IsNormal(scale)) return (1f, symmetric ? centre : type.Min);
        if (symmetric) return (scale, centre);
        double zeroPoint = Math.Round(type.Min - min / scale, MidpointRounding.ToEven);
        return (scale, (long)Math.Clamp(zeroPoint, type.Min, type.Max));
    }
}
