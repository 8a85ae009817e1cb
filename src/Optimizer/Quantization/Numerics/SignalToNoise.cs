namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// Signal-to-quantization-noise ratio in decibels, 10·log10(Σ x² / Σ (x − x̂)²), of an
/// approximation x̂ of a reference x: about 6 dB per bit of a well-used range (8-bit ≈ 40–50 dB).
/// Equal tensors give +∞; a zero reference with any error gives −∞.
/// </summary>
public sealed class SignalToNoise
{
    private double signal, noise;

    /// <summary>Adds corresponding elements of a reference and its approximation.</summary>
    public void Add(ReadOnlySpan<float> reference, ReadOnlySpan<float> approximation)
    {
        if (reference.Length != approximation.Length) throw new ArgumentException($"Cannot compare {reference.Length} values with {approximation.Length}.");
        for (int i = 0; i < reference.Length; i++)
        {
            double x = reference[i], d = x - approximation[i];
            if (!double.IsFinite(x) || !double.IsFinite(d)) continue;
            signal += x * x;
            noise += d * d;
        }
    }

    /// <summary>The ratio so far, in dB.</summary>
    public double Decibels => noise == 0 ? double.PositiveInfinity : signal == 0 ? double.NegativeInfinity : 10 * Math.Log10(signal / noise);

    /// <summary>The ratio of one pair of tensors.</summary>
    public static double Of(ReadOnlySpan<float> reference, ReadOnlySpan<float> approximation)
    {
        var ratio = new SignalToNoise();
        ratio.Add(reference, approximation);
        return ratio.Decibels;
    }
}
