using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Float16;

/// <summary>Float32 constants to float16, clamping what does not fit (infinities and NaN pass through).</summary>
internal static class HalfConversion
{
    /// <summary>The largest finite float16.</summary>
    public const float MaxHalf = 65504f;

    /// <summary>The smallest positive float16 (a subnormal, 2⁻²⁴).</summary>
    public static readonly float MinHalf = (float)Half.Epsilon;

    /// <summary>The tensor in float16, and a record when values had to be clamped.</summary>
    public static (DenseTensor Tensor, ClampedTensor? Clamped) Convert(ITensor tensor, string name)
    {
        if (tensor.ElementCount > Array.MaxLength / 4)
            throw new OnnxKitException($"Tensor '{name}' has {tensor.ElementCount:N0} elements; float16 conversion holds a tensor in memory and supports up to {Array.MaxLength / 4:N0}.");
        float[] values = tensor.ToArray<float>();
        var half = new Half[values.Length];
        long large = 0, small = 0;
        double largest = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            float magnitude = Math.Abs(v);
            if (float.IsFinite(v)) largest = Math.Max(largest, magnitude);
            if (float.IsFinite(v) && magnitude > MaxHalf)
            {
                large++;
                v = MathF.CopySign(MaxHalf, v);
            }
            else if (v != 0 && magnitude < MinHalf)
            {
                small++;
                v = MathF.CopySign(MinHalf, v);
            }
            half[i] = (Half)v;
        }
        var clamped = large + small > 0 ? new ClampedTensor(name, values.Length, large, small, largest) : null;
        return (DenseTensor.FromArray(DataType.Float16, half, tensor.Dims.ToArray()), clamped);
    }
}
