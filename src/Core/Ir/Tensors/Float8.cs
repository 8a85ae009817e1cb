namespace OnnxKit.Ir;

/// <summary>Decoding of ONNX's 8-bit and 4-bit float formats to float32.</summary>
public static class Float8
{
    /// <summary>Decodes one 8-bit float of the given format.</summary>
    public static float ToSingle(DataType type, byte bits) => type switch
    {
        DataType.Float8E4M3FN => Decode(bits, exponentBits: 4, bias: 7, fnuz: false, hasInfinity: false),
        DataType.Float8E4M3FNUZ => Decode(bits, exponentBits: 4, bias: 8, fnuz: true, hasInfinity: false),
        DataType.Float8E5M2 => Decode(bits, exponentBits: 5, bias: 15, fnuz: false, hasInfinity: true),
        DataType.Float8E5M2FNUZ => Decode(bits, exponentBits: 5, bias: 16, fnuz: true, hasInfinity: false),
        DataType.Float8E8M0 => bits == 0xFF ? float.NaN : MathF.Pow(2, bits - 127),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not an 8-bit float type"),
    };

    /// <summary>Decodes a 4-bit E2M1 float (no infinity, no NaN).</summary>
    public static float Float4E2M1ToSingle(int bits)
    {
        float sign = (bits & 0x8) != 0 ? -1 : 1;
        int exponent = (bits >> 1) & 0x3;
        int mantissa = bits & 0x1;
        float magnitude = exponent == 0 ? mantissa * 0.5f : (1 + mantissa * 0.5f) * MathF.Pow(2, exponent - 1);
        return sign * magnitude;
    }

    private static float Decode(byte bits, int exponentBits, int bias, bool fnuz, bool hasInfinity)
    {
        int mantissaBits = 7 - exponentBits;
        if (fnuz && bits == 0x80) return float.NaN;
        bool negative = (bits & 0x80) != 0;
        int exponent = (bits >> mantissaBits) & ((1 << exponentBits) - 1);
        int mantissa = bits & ((1 << mantissaBits) - 1);
        int maxExponent = (1 << exponentBits) - 1;
        if (!fnuz && exponent == maxExponent)
        {
            if (hasInfinity)
            {
                if (mantissa == 0) return negative ? float.NegativeInfinity : float.PositiveInfinity;
                return float.NaN;
            }
            if (mantissa == (1 << mantissaBits) - 1) return float.NaN;
        }
        float value = exponent == 0
            ? mantissa / (float)(1 << mantissaBits) * MathF.Pow(2, 1 - bias)
            : (1 + mantissa / (float)(1 << mantissaBits)) * MathF.Pow(2, exponent - bias);
        return negative ? -value : value;
    }
}
