using System.Buffers.Binary;

namespace OnnxKit.Ir;

/// <summary>Reads single elements of any numeric ONNX type from raw little-endian data.</summary>
public static class ElementDecoder
{
    /// <summary>Element <paramref name="index"/> of <paramref name="raw"/> as a double.</summary>
    public static double ReadAsDouble(DataType type, ReadOnlySpan<byte> raw, long index)
    {
        int i = checked((int)index);
        return type switch
        {
            DataType.Float => BinaryPrimitives.ReadSingleLittleEndian(raw[(i * 4)..]),
            DataType.Double => BinaryPrimitives.ReadDoubleLittleEndian(raw[(i * 8)..]),
            DataType.Float16 => (double)BinaryPrimitives.ReadHalfLittleEndian(raw[(i * 2)..]),
            DataType.BFloat16 => BFloat16.FromBits(BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..])).ToSingle(),
            DataType.Float8E4M3FN or DataType.Float8E4M3FNUZ or DataType.Float8E5M2 or DataType.Float8E5M2FNUZ
                or DataType.Float8E8M0 => Float8.ToSingle(type, raw[i]),
            DataType.Float4E2M1 => Float8.Float4E2M1ToSingle(SubByte(raw, i, 4, signed: false)),
            DataType.Bool => raw[i] != 0 ? 1 : 0,
            _ => ReadAsInt64(type, raw, index),
        };
    }

    /// <summary>Element <paramref name="index"/> of an integer or boolean tensor as a long.</summary>
    public static long ReadAsInt64(DataType type, ReadOnlySpan<byte> raw, long index)
    {
        int i = checked((int)index);
        return type switch
        {
            DataType.Int8 => (sbyte)raw[i],
            DataType.UInt8 or DataType.Bool => raw[i],
            DataType.Int16 => BinaryPrimitives.ReadInt16LittleEndian(raw[(i * 2)..]),
            DataType.UInt16 => BinaryPrimitives.ReadUInt16LittleEndian(raw[(i * 2)..]),
            DataType.Int32 => BinaryPrimitives.ReadInt32LittleEndian(raw[(i * 4)..]),
            DataType.UInt32 => BinaryPrimitives.ReadUInt32LittleEndian(raw[(i * 4)..]),
            DataType.Int64 => BinaryPrimitives.ReadInt64LittleEndian(raw[(i * 8)..]),
            DataType.UInt64 => (long)BinaryPrimitives.ReadUInt64LittleEndian(raw[(i * 8)..]),
            DataType.Int4 => SubByte(raw, i, 4, signed: true),
            DataType.UInt4 => SubByte(raw, i, 4, signed: false),
            DataType.Int2 => SubByte(raw, i, 2, signed: true),
            DataType.UInt2 => SubByte(raw, i, 2, signed: false),
            _ => throw new InvalidOperationException($"Element type {type.OnnxName()} is not an integer type."),
        };
    }

    /// <summary>Reads a packed sub-byte element; the first element sits in the low bits.</summary>
    private static int SubByte(ReadOnlySpan<byte> raw, int index, int bits, bool signed)
    {
        int perByte = 8 / bits;
        int value = (raw[index / perByte] >> (index % perByte * bits)) & ((1 << bits) - 1);
        return signed && value >= 1 << (bits - 1) ? value - (1 << bits) : value;
    }
}
