using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>Builds tensors from computed values, rounding once into the target element type.</summary>
public static class TensorValues
{
    /// <summary>True for element types whose values <see cref="Tensor.ToDoubleArray"/> reads.</summary>
    public static bool IsRealNumeric(DataType type) => type.IsFloatingPoint() || type.IsInteger() || type == DataType.Bool;

    /// <summary>True for the float types the fusions rewrite (float32, float64, float16, bfloat16).</summary>
    public static bool IsFusableFloat(DataType type) => type is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16;

    /// <summary>A tensor of <paramref name="type"/> (one of <see cref="IsFusableFloat"/>) holding <paramref name="values"/>, each rounded to nearest.</summary>
    public static DenseTensor FromDoubles(DataType type, double[] values, IReadOnlyList<long> dims) => type switch
    {
        DataType.Float => DenseTensor.FromArray(type, values.Select(v => (float)v).ToArray(), dims.ToArray()),
        DataType.Double => DenseTensor.FromArray(type, values, dims.ToArray()),
        DataType.Float16 => DenseTensor.FromArray(type, values.Select(v => (Half)v).ToArray(), dims.ToArray()),
        DataType.BFloat16 => DenseTensor.FromArray(type, values.Select(v => BFloat16.FromSingle((float)v).Bits).ToArray(), dims.ToArray()),
        _ => throw new ArgumentException($"Cannot build a {type.OnnxName()} tensor from computed values.", nameof(type)),
    };

    /// <summary>A one-dimensional int64 tensor.</summary>
    public static DenseTensor Int64Vector(IReadOnlyList<long> values) => DenseTensor.FromInt64s(values.ToArray(), [values.Count]);

    /// <summary>A scalar of <paramref name="type"/>.</summary>
    public static DenseTensor Scalar(DataType type, double value) => FromDoubles(type, [value], []);
}
