namespace OnnxKit.Ir;

/// <summary>Facts about each <see cref="DataType"/>: storage size, names, and families.</summary>
public static class DataTypeInfo
{
    /// <summary>Bits one element occupies in ONNX's packed raw-data layout; 0 for strings and undefined.</summary>
    public static int BitWidth(this DataType type) => type switch
    {
        DataType.Float or DataType.Int32 or DataType.UInt32 => 32,
        DataType.Double or DataType.Int64 or DataType.UInt64 or DataType.Complex64 => 64,
        DataType.Complex128 => 128,
        DataType.Float16 or DataType.BFloat16 or DataType.Int16 or DataType.UInt16 => 16,
        DataType.UInt8 or DataType.Int8 or DataType.Bool or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ
            or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ or DataType.Float8E8M0 => 8,
        DataType.UInt4 or DataType.Int4 or DataType.Float4E2M1 => 4,
        DataType.UInt2 or DataType.Int2 => 2,
        _ => 0,
    };

    /// <summary>Bytes needed to hold <paramref name="elementCount"/> packed elements (sub-byte types round up).</summary>
    public static long ByteCount(this DataType type, long elementCount)
    {
        int bits = type.BitWidth();
        // Whole-byte types multiply bytes, not bits, so every count TensorDims allows fits (sub-byte types pack).
        return bits == 0 ? 0 : bits % 8 == 0 ? checked(elementCount * (bits / 8)) : checked((elementCount * bits + 7) / 8);
    }

    /// <summary>True when <paramref name="value"/> is one of the element types this enum defines.</summary>
    public static bool IsDefined(int value) => value is >= 1 and <= 26;

    /// <summary>True for the IEEE and machine-learning float formats (not complex).</summary>
    public static bool IsFloatingPoint(this DataType type) => type is DataType.Float or DataType.Double or DataType.Float16
        or DataType.BFloat16 or DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2
        or DataType.Float8E5M2FNUZ or DataType.Float4E2M1 or DataType.Float8E8M0;

    /// <summary>True for the signed and unsigned integer types of any width.</summary>
    public static bool IsInteger(this DataType type) => type is DataType.Int8 or DataType.Int16 or DataType.Int32
        or DataType.Int64 or DataType.UInt8 or DataType.UInt16 or DataType.UInt32 or DataType.UInt64
        or DataType.Int4 or DataType.UInt4 or DataType.Int2 or DataType.UInt2;

    /// <summary>The name ONNX's docs use in type strings, e.g. <c>float16</c> in <c>tensor(float16)</c>.</summary>
    public static string OnnxName(this DataType type) => type switch
    {
        DataType.Float => "float",
        DataType.Double => "double",
        DataType.Float16 => "float16",
        DataType.BFloat16 => "bfloat16",
        DataType.Int8 => "int8",
        DataType.Int16 => "int16",
        DataType.Int32 => "int32",
        DataType.Int64 => "int64",
        DataType.UInt8 => "uint8",
        DataType.UInt16 => "uint16",
        DataType.UInt32 => "uint32",
        DataType.UInt64 => "uint64",
        DataType.Bool => "bool",
        DataType.String => "string",
        DataType.Complex64 => "complex64",
        DataType.Complex128 => "complex128",
        DataType.Float8E4M3FN => "float8e4m3fn",
        DataType.Float8E4M3FNUZ => "float8e4m3fnuz",
        DataType.Float8E5M2 => "float8e5m2",
        DataType.Float8E5M2FNUZ => "float8e5m2fnuz",
        DataType.UInt4 => "uint4",
        DataType.Int4 => "int4",
        DataType.Float4E2M1 => "float4e2m1",
        DataType.Float8E8M0 => "float8e8m0",
        DataType.UInt2 => "uint2",
        DataType.Int2 => "int2",
        _ => "undefined",
    };

    /// <summary>Parses an ONNX type name (<c>float</c>, <c>int64</c>, ...) back to its <see cref="DataType"/>.</summary>
    public static bool TryParse(string name, out DataType type)
    {
        foreach (DataType candidate in Enum.GetValues<DataType>())
        {
            if (candidate != DataType.Undefined && candidate.OnnxName() == name)
            {
                type = candidate;
                return true;
            }
        }
        type = DataType.Undefined;
        return false;
    }
}
