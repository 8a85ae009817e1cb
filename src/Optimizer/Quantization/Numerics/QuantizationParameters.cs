using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// The scales and zero points of one quantized tensor, laid out as <see cref="Layout"/> says,
/// in the form QuantizeLinear and DequantizeLinear take them: float32 scales and zero points of
/// the quantized type.
/// </summary>
public sealed class QuantizationParameters
{
    /// <summary>Parameters with the given values; <paramref name="scales"/> and <paramref name="zeroPoints"/> have one entry per parameter of <paramref name="layout"/>.</summary>
    /// <exception cref="ArgumentException">The counts do not match the layout, a scale is not positive and finite, or a zero point is outside the type's range.</exception>
    public QuantizationParameters(QuantizedType type, ParameterLayout layout, float[] scales, long[] zeroPoints)
    {
        if (scales.Length != layout.ParameterCount || zeroPoints.Length != layout.ParameterCount)
            throw new ArgumentException($"Expected {layout.ParameterCount} scales and zero points, got {scales.Length} and {zeroPoints.Length}.");
        if (scales.FirstOrDefault(s => !(s > 0) || !float.IsFinite(s)) is var bad && bad != 0)
            throw new ArgumentException($"Scales must be positive and finite, got {bad}.", nameof(scales));
        if (zeroPoints.Any(z => z < type.TypeMin || z > type.TypeMax))
            throw new ArgumentException($"A zero point lies outside {type}.", nameof(zeroPoints));
        Type = type;
        Layout = layout;
        Scales = scales;
        ZeroPoints = zeroPoints;
    }

    /// <summary>The quantized type and the range used.</summary>
    public QuantizedType Type { get; }

    /// <summary>Which parameter each element uses.</summary>
    public ParameterLayout Layout { get; }

    /// <summary>The scales, one per parameter.</summary>
    public float[] Scales { get; }

    /// <summary>The zero points, one per parameter.</summary>
    public long[] ZeroPoints { get; }

    /// <summary>True when every zero point is 0 (symmetric signed quantization).</summary>
    public bool HasZeroZeroPoints => ZeroPoints.All(z => z == 0);

    /// <summary>The scale tensor (float32; a scalar per tensor).</summary>
    public DenseTensor ScaleTensor(string name) => DenseTensor.FromFloats(Scales, Layout.ParameterDims, name);

    /// <summary>The zero-point tensor, of the quantized type.</summary>
    public DenseTensor ZeroPointTensor(string name) => QuantizedTensors.Pack(Type.DataType, ZeroPoints, Layout.ParameterDims, name);

    /// <summary>The value that stored integer <paramref name="q"/> stands for under parameter <paramref name="parameter"/>: (q − zero point)·scale in float32.</summary>
    public float Dequantize(long q, long parameter) => (q - ZeroPoints[parameter]) * Scales[parameter];

    /// <summary>
    /// The stored integer for <paramref name="value"/> under parameter <paramref name="parameter"/>, as
    /// QuantizeLinear computes it: the quotient value / scale in float32, rounded half to even, plus the
    /// zero point, saturated to the range used.
    /// </summary>
    public long Quantize(float value, long parameter)
    {
        float quotient = value / Scales[parameter]; // Math.Round(double) rounds half to even
        return float.IsNaN(quotient) ? Type.Saturate(ZeroPoints[parameter]) : Type.Saturate(Math.Round((double)quotient) + ZeroPoints[parameter]);
    }
}
