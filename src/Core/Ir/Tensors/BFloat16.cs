namespace OnnxKit.Ir;

/// <summary>
/// A brain-float value: the upper 16 bits of an IEEE float32. Conversion from float
/// rounds to nearest even and keeps NaN a NaN.
/// </summary>
public readonly record struct BFloat16(ushort Bits)
{
    /// <summary>Wraps raw bits.</summary>
    public static BFloat16 FromBits(ushort bits) => new(bits);

    /// <summary>Rounds a float32 to the nearest bfloat16.</summary>
    public static BFloat16 FromSingle(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return new((ushort)((bits >> 16) | 0x0040));
        uint roundingBias = 0x7FFF + ((bits >> 16) & 1);
        return new((ushort)((bits + roundingBias) >> 16));
    }

    /// <summary>Widens to float32 exactly.</summary>
    public float ToSingle() => BitConverter.UInt32BitsToSingle((uint)Bits << 16);

    /// <inheritdoc/>
    public override string ToString() => ToSingle().ToString(System.Globalization.CultureInfo.InvariantCulture);
}
