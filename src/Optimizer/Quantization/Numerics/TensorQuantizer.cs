namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// Quantizes float tensors: with given parameters (as QuantizeLinear does), or choosing the
/// parameters from each group's own minimum and maximum (weights, which are known ahead of time).
/// </summary>
public static class TensorQuantizer
{
    /// <summary>Quantizes <paramref name="values"/> with fixed <paramref name="parameters"/>.</summary>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> values, long[] dims, QuantizationParameters parameters)
    {
        var layout = parameters.Layout;
        var result = new long[values.Length];
        for (int i = 0; i < values.Length; i++) result[i] = parameters.Quantize(values[i], layout.ParameterOf(i));
        return new QuantizedTensor(result, dims, parameters);
    }

    /// <summary>
    /// Quantizes <paramref name="values"/> with parameters fitted to the range of each group the
    /// granularity defines (per tensor, per axis index, per block). NaN is ignored when fitting.
    /// </summary>
    public static QuantizedTensor Quantize(ReadOnlySpan<float> values, long[] dims, QuantizedType type, Granularity granularity, bool symmetric)
    {
        var layout = new ParameterLayout(dims, granularity);
        int count = checked((int)layout.ParameterCount);
        var min = new double[count];
        var max = new double[count];
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!float.IsFinite(v)) continue;
            long p = layout.ParameterOf(i);
            if (v < min[p]) min[p] = v;
            if (v > max[p]) max[p] = v;
        }
        var scales = new float[count];
        var zeroPoints = new long[count];
        for (int p = 0; p < count; p++) (scales[p], zeroPoints[p]) = RangeParameters.For(min[p], max[p], type, symmetric);
        return Quantize(values, dims, new QuantizationParameters(type, layout, scales, zeroPoints));
    }
}
