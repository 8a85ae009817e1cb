using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>The ONNX element type of each CLR element type the typed helpers accept.</summary>
public static class ElementTypes
{
    /// <summary>float → float, Half → float16, long → int64, bool → bool, and so on.</summary>
    public static DataType Of<T>() where T : unmanaged => default(T) switch
    {
        float => DataType.Float,
        double => DataType.Double,
        Half => DataType.Float16,
        BFloat16 => DataType.BFloat16,
        sbyte => DataType.Int8,
        byte => DataType.UInt8,
        short => DataType.Int16,
        ushort => DataType.UInt16,
        int => DataType.Int32,
        uint => DataType.UInt32,
        long => DataType.Int64,
        ulong => DataType.UInt64,
        bool => DataType.Bool,
        _ => throw new NotSupportedException($"{typeof(T).Name} is not an ONNX element type."),
    };

    /// <summary>A tensor over a copy of <paramref name="values"/>.</summary>
    public static DenseTensor Tensor<T>(T[] values, long[] dims, string? name = null) where T : unmanaged =>
        DenseTensor.FromArray(Of<T>(), values, dims, name);
}
