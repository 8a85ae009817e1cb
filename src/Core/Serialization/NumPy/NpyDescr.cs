using OnnxKit.Ir;

namespace OnnxKit.Serialization.NumPy;

/// <summary>
/// Maps NumPy dtype descriptors (<c>'&lt;f4'</c>, <c>'|b1'</c>, ...) to ONNX element types.
/// bfloat16 has no NumPy dtype: files written by ml_dtypes hold it as a two-byte void
/// (<c>'|V2'</c>), so a two-byte void reads as bfloat16 and bfloat16 is written that way.
/// </summary>
internal static class NpyDescr
{
    /// <summary>The parsed descriptor: element type and whether its bytes are big-endian.</summary>
    public readonly record struct Parsed(DataType DataType, bool BigEndian);

    public static Parsed Parse(string descr, string where)
    {
        if (descr is "bfloat16") return new(DataType.BFloat16, false);
        if (descr.Length < 3) throw Unsupported(descr, where);
        char order = descr[0];
        if (order is not ('<' or '>' or '|' or '=')) throw Unsupported(descr, where);
        string kindAndSize = descr[1..];
        DataType type = kindAndSize switch
        {
            "f2" => DataType.Float16,
            "f4" => DataType.Float,
            "f8" => DataType.Double,
            "i1" => DataType.Int8,
            "i2" => DataType.Int16,
            "i4" => DataType.Int32,
            "i8" => DataType.Int64,
            "u1" => DataType.UInt8,
            "u2" => DataType.UInt16,
            "u4" => DataType.UInt32,
            "u8" => DataType.UInt64,
            "b1" => DataType.Bool,
            "c8" => DataType.Complex64,
            "c16" => DataType.Complex128,
            "V2" => DataType.BFloat16,
            _ => throw Unsupported(descr, where),
        };
        bool bigEndian = order == '>' || (order == '=' && !BitConverter.IsLittleEndian);
        return new(type, bigEndian && type.BitWidth() > 8);
    }

    /// <summary>The little-endian descriptor NumPy writes for <paramref name="type"/>.</summary>
    public static string For(DataType type, string where) => type switch
    {
        DataType.Float16 => "<f2",
        DataType.Float => "<f4",
        DataType.Double => "<f8",
        DataType.Int8 => "|i1",
        DataType.Int16 => "<i2",
        DataType.Int32 => "<i4",
        DataType.Int64 => "<i8",
        DataType.UInt8 => "|u1",
        DataType.UInt16 => "<u2",
        DataType.UInt32 => "<u4",
        DataType.UInt64 => "<u8",
        DataType.Bool => "|b1",
        DataType.Complex64 => "<c8",
        DataType.Complex128 => "<c16",
        DataType.BFloat16 => "|V2",
        _ => throw new OnnxKitException(
            $"{where}: element type {type.OnnxName()} has no NumPy dtype; save it as an ONNX TensorProto (.pb) instead."),
    };

    /// <summary>The width in bytes of one byte-swappable unit (a complex number swaps each half).</summary>
    public static int SwapUnit(DataType type) => type switch
    {
        DataType.Complex64 => 4,
        DataType.Complex128 => 8,
        _ => type.BitWidth() / 8,
    };

    private static OnnxFormatException Unsupported(string descr, string where) => new(where,
        $"NumPy dtype '{descr}' is not supported (numeric and bool dtypes only; strings, objects, structured and datetime arrays cannot become ONNX tensors).");
}
