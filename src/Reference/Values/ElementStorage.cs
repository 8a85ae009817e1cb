using OnnxKit.Ir;

namespace OnnxKit.Reference;

/// <summary>
/// How the evaluator stores each ONNX element type in memory: one CLR array element per tensor
/// element. Sub-byte integers are unpacked (one per sbyte/byte); 8-bit and 4-bit floats keep
/// their bit patterns in a byte each; bfloat16 uses <see cref="BFloat16"/>; strings are .NET strings.
/// </summary>
internal static class ElementStorage
{
    /// <summary>The CLR element type of arrays holding <paramref name="type"/>, or null when the evaluator cannot hold it.</summary>
    public static Type? ClrType(DataType type) => type switch
    {
        DataType.Float => typeof(float),
        DataType.Double => typeof(double),
        DataType.Float16 => typeof(Half),
        DataType.BFloat16 => typeof(BFloat16),
        DataType.Int8 or DataType.Int4 or DataType.Int2 => typeof(sbyte),
        DataType.UInt8 or DataType.UInt4 or DataType.UInt2 => typeof(byte),
        DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ
            or DataType.Float8E8M0 or DataType.Float4E2M1 => typeof(byte),
        DataType.Int16 => typeof(short),
        DataType.UInt16 => typeof(ushort),
        DataType.Int32 => typeof(int),
        DataType.UInt32 => typeof(uint),
        DataType.Int64 => typeof(long),
        DataType.UInt64 => typeof(ulong),
        DataType.Bool => typeof(bool),
        DataType.String => typeof(string),
        _ => null,
    };

    /// <summary>True when the evaluator can hold tensors of <paramref name="type"/>.</summary>
    public static bool IsSupported(DataType type) => ClrType(type) is not null;

    /// <summary>A zeroed array for <paramref name="length"/> elements of <paramref name="type"/> (strings start empty, not null).</summary>
    public static Array Allocate(DataType type, int length)
    {
        var clr = ClrType(type) ?? throw new UnsupportedFeatureException($"element type {type.OnnxName()}", $"The reference evaluator does not support tensors of {type.OnnxName()}.");
        var array = Array.CreateInstance(clr, length);
        if (array is string[] strings) Array.Fill(strings, "");
        return array;
    }

    /// <summary>True for the 8-bit and 4-bit float formats, which are stored as their bit patterns.</summary>
    public static bool IsSmallFloat(DataType type) => type is DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ
        or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ or DataType.Float8E8M0 or DataType.Float4E2M1;

    /// <summary>True for float16 and bfloat16, which kernels compute in float32.</summary>
    public static bool IsHalfPrecision(DataType type) => type is DataType.Float16 or DataType.BFloat16;
}
