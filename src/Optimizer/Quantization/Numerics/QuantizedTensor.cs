using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>A quantized tensor: the stored integers (row-major) and the parameters that give them meaning.</summary>
/// <param name="Values">The integers, one per element.</param>
/// <param name="Dims">The tensor's dims.</param>
/// <param name="Parameters">Scales and zero points.</param>
public sealed record QuantizedTensor(long[] Values, long[] Dims, QuantizationParameters Parameters)
{
    /// <summary>The integers stored in the quantized element type, ready to be an initializer.</summary>
    public DenseTensor ToTensor(string name) => QuantizedTensors.Pack(Parameters.Type.DataType, Values, Dims, name);

    /// <summary>The float32 values the integers stand for (what DequantizeLinear computes).</summary>
    public float[] Dequantize()
    {
        var result = new float[Values.Length];
        foreach (var (start, length, first, step) in Parameters.Layout.Runs(Values.Length))
        {
            for (long i = start, p = first; i < start + length; i++, p += step) result[i] = Parameters.Dequantize(Values[i], p);
        }
        return result;
    }
}
