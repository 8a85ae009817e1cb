using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>
/// An integer element type that quantized values are stored in, with the range of integers
/// quantization may use: the whole type, the restricted range that keeps zero centred for
/// symmetric signed values (−127..127 for int8, so that −a and +a both round-trip), or seven
/// of eight bits (<c>reduce range</c>, for CPUs without VNNI whose u8·s8 products can saturate).
/// </summary>
/// <param name="DataType">The ONNX element type: uint8, int8, uint16, int16, uint4 or int4.</param>
/// <param name="Min">The smallest quantized value used.</param>
/// <param name="Max">The largest quantized value used.</param>
public sealed record QuantizedType(DataType DataType, long Min, long Max)
{
    /// <summary>The types quantization stores values in.</summary>
    public static IReadOnlyList<DataType> Supported { get; } =
        [DataType.UInt8, DataType.Int8, DataType.UInt16, DataType.Int16, DataType.UInt4, DataType.Int4];

    /// <summary>int32, the type of biases quantized with the product of the input and weight scales.</summary>
    public static QuantizedType Int32 { get; } = new(DataType.Int32, int.MinValue, int.MaxValue);

    /// <summary>
    /// The range to quantize into: the type's full range, or for symmetric signed quantization the
    /// range without the most negative value; <paramref name="reduceRange"/> drops one bit (8-bit types only).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not one of <see cref="Supported"/>.</exception>
    public static QuantizedType For(DataType type, bool symmetric = false, bool reduceRange = false)
    {
        if (!Supported.Contains(type)) throw new ArgumentException($"Cannot quantize to {type.OnnxName()}; use one of {string.Join(", ", Supported.Select(t => t.OnnxName()))}.", nameof(type));
        int bits = type.BitWidth() - (reduceRange && type.BitWidth() == 8 ? 1 : 0);
        bool signed = type is DataType.Int8 or DataType.Int16 or DataType.Int4;
        long min = signed ? -(1L << (bits - 1)) : 0;
        long max = signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
        if (signed && symmetric) min = -max;
        return new QuantizedType(type, min, max);
    }

    /// <summary>True for the signed types (int8, int16, int4, and int32 for biases).</summary>
    public bool IsSigned => IsSignedType(DataType);

    private static bool IsSignedType(DataType type) => type is DataType.Int8 or DataType.Int16 or DataType.Int4 or DataType.Int32;

    /// <summary>Bits per stored element.</summary>
    public int Bits => DataType.BitWidth();

    /// <summary>
    /// The first ai.onnx opset whose QuantizeLinear/DequantizeLinear accept the type: 10 for the
    /// 8-bit types, 21 for 16-bit and 4-bit ones.
    /// </summary>
    public int MinOpset => Bits == 8 ? 10 : 21;

    /// <summary>The smallest value the element type holds (QuantizeLinear saturates to it, whatever range quantization uses).</summary>
    public long TypeMin { get; } = IsSignedType(DataType) ? -(1L << (DataType.BitWidth() - 1)) : 0;

    /// <summary>The largest value the element type holds.</summary>
    public long TypeMax { get; } = IsSignedType(DataType) ? (1L << (DataType.BitWidth() - 1)) - 1 : (1L << DataType.BitWidth()) - 1;

    /// <summary>Clamps a rounded value into the element type, as QuantizeLinear saturates.</summary>
    public long Saturate(double rounded) => rounded <= TypeMin ? TypeMin : rounded >= TypeMax ? TypeMax : (long)rounded;

    /// <inheritdoc/>
    public override string ToString() => $"{DataType.OnnxName()} [{Min}, {Max}]";
}
