using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// Quantizes the bias of a convolution or matrix product to int32 with scale = input scale ·
/// weight scale (per output channel when the weights are per channel) and zero point 0, the form
/// QLinearConv and ONNX Runtime's QDQ fusions add straight into the int32 accumulator.
/// </summary>
public static class BiasQuantizer
{
    /// <summary>
    /// The int32 bias and its parameters. <paramref name="weightScales"/> has one entry, or one per
    /// element of <paramref name="bias"/>. The product is formed in float32, as the kernels form it.
    /// </summary>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> bias, float inputScale, IReadOnlyList<float> weightScales)
    {
        bool perChannel = weightScales.Count > 1;
        if (perChannel && weightScales.Count != bias.Length)
            throw new ArgumentException($"The bias has {bias.Length} elements but the weights {weightScales.Count} scales.", nameof(weightScales));
        var scales = weightScales.Select(w => inputScale * w).Select(s => s > 0 && float.IsNormal(s) ? s : 1f).ToArray();
        var layout = new ParameterLayout([bias.Length], perChannel ? Granularity.PerAxis(0) : Granularity.PerTensor);
        var parameters = new QuantizationParameters(QuantizedType.Int32, layout, scales, new long[scales.Length]);
        var values = new long[bias.Length];
        for (int i = 0; i < bias.Length; i++)
        {
            double q = Math.Round((double)(bias[i] / scales[perChannel ? i : 0]), MidpointRounding.ToEven);
            values[i] = (long)Math.Clamp(q, int.MinValue, int.MaxValue);
        }
        return new QuantizedTensor(values, [bias.Length], parameters);
    }
}
