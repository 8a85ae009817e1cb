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
        var result = new long[values.Length];
        foreach (var (start, length, first, step) in parameters.Layout.Runs(values.Length))
        {
            if (step != 0)
            {
                for (long i = start, p = first; i < start + length; i++, p += step) result[i] = parameters.Quantize(values[(int)i], p);
                continue;
            }
            // One scale for the whole run: the same arithmetic as QuantizationParameters.Quantize, without a call per element.
            float scale = parameters.Scales[first];
            long zero = parameters.ZeroPoints[first], low = parameters.Type.TypeMin, high = parameters.Type.TypeMax;
            var run = values.Slice((int)start, (int)length);
            var output = result.AsSpan((int)start, (int)length);
            for (int i = 0; i < run.Length; i++)
            {
                double q = Math.Round((double)(run[i] / scale)) + zero; // Math.Round(double) rounds half to even
                output[i] = double.IsNaN(q) ? Math.Clamp(zero, low, high) : q <= low ? low : q >= high ? high : (long)q;
            }
        }
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
        foreach (var (start, length, first, step) in layout.Runs(values.Length))
        {
            for (long i = start, p = first; i < start + length; i++, p += step)
            {
                float v = values[(int)i];
                if (!float.IsFinite(v)) continue;
                if (v < min[p]) min[p] = v;
                if (v > max[p]) max[p] = v;
            }
        }
        var scales = new float[count];
        var zeroPoints = new long[count];
        for (int p = 0; p < count; p++) (scales[p], zeroPoints[p]) = RangeParameters.For(min[p], max[p], type, symmetric);
        return Quantize(values, dims, new QuantizationParameters(type, layout, scales, zeroPoints));
    }
}
