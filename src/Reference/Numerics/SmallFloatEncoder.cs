using OnnxKit.Ir;

namespace OnnxKit.Reference.Numerics;

/// <summary>
/// Rounds values to ONNX's 8-bit and 4-bit float formats (round to nearest even), with the
/// saturation rules of the Cast operator. Decoding is <see cref="Float8"/>'s job (in Core).
/// </summary>
internal static class SmallFloatEncoder
{
    /// <summary>The bit pattern nearest to <paramref name="x"/> in <paramref name="type"/>.</summary>
    /// <param name="type">An 8-bit float type, or <see cref="DataType.Float4E2M1"/>.</param>
    /// <param name="x">The value (float32 precision: it is first rounded to float32).</param>
    /// <param name="saturate">Out-of-range values become the largest finite value instead of NaN/infinity.</param>
    /// <param name="roundMode">For float8e8m0 only: <c>up</c>, <c>down</c> or <c>nearest</c>.</param>
    public static byte Encode(DataType type, double x, bool saturate, string roundMode = "up") => type switch
    {
        DataType.Float8E4M3FN => EncodeIeeeLike((float)x, exponentBits: 4, mantissaBits: 3, bias: 7, Format.FiniteOnly, saturate),
        DataType.Float8E4M3FNUZ => EncodeIeeeLike((float)x, 4, 3, 8, Format.Unsigned0, saturate),
        DataType.Float8E5M2 => EncodeIeeeLike((float)x, 5, 2, 15, Format.Ieee, saturate),
        DataType.Float8E5M2FNUZ => EncodeIeeeLike((float)x, 5, 2, 16, Format.Unsigned0, saturate),
        DataType.Float4E2M1 => EncodeIeeeLike((float)x, 2, 1, 1, Format.NoSpecials, saturate: true),
        DataType.Float8E8M0 => EncodeE8M0((float)x, saturate, roundMode),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a small float type"),
    };

    private enum Format
    {
        /// <summary>IEEE-like: infinities and NaNs at the top exponent (E5M2).</summary>
        Ieee,
        /// <summary>No infinity; only the all-ones pattern is NaN (E4M3FN).</summary>
        FiniteOnly,
        /// <summary>No infinity, no negative zero; 0x80 is the one NaN (the FNUZ types).</summary>
        Unsigned0,
        /// <summary>No infinity and no NaN (E2M1).</summary>
        NoSpecials,
    }

    private static byte EncodeIeeeLike(float x, int exponentBits, int mantissaBits, int bias, Format format, bool saturate)
    {
        int totalBits = 1 + exponentBits + mantissaBits;
        int signBit = 1 << (totalBits - 1);
        int maxExponentField = (1 << exponentBits) - 1;
        int maxCode = format switch
        {
            Format.Ieee => ((maxExponentField - 1) << mantissaBits) | ((1 << mantissaBits) - 1),
            Format.FiniteOnly => (maxExponentField << mantissaBits) | ((1 << mantissaBits) - 2),
            _ => (maxExponentField << mantissaBits) | ((1 << mantissaBits) - 1),
        };
        int nan = format switch
        {
            Format.Ieee => (maxExponentField << mantissaBits) | 1,
            Format.FiniteOnly => (maxExponentField << mantissaBits) | ((1 << mantissaBits) - 1),
            Format.Unsigned0 => signBit,
            _ => signBit,
        };
        int infinity = maxExponentField << mantissaBits;
        bool negative = float.IsNegative(x);
        int sign = negative ? signBit : 0;
        if (float.IsNaN(x)) return (byte)(format == Format.Unsigned0 || format == Format.NoSpecials ? nan : nan | sign);
        double magnitude = Math.Abs((double)x);
        double maxValue = Decode(maxCode, mantissaBits, bias);
        int code;
        if (double.IsInfinity(magnitude)) code = -1;
        else
        {
            int exponent = magnitude == 0 ? 1 - bias : Math.Max(Math.ILogB(magnitude), 1 - bias);
            double spacing = Math.ScaleB(1.0, exponent - mantissaBits);
            double rounded = Math.Round(magnitude / spacing, MidpointRounding.ToEven) * spacing;
            code = rounded > maxValue ? -1 : EncodeExact(rounded, mantissaBits, bias);
        }
        if (code < 0)
        {
            if (saturate) code = maxCode;
            else return (byte)(format switch { Format.Ieee => infinity | sign, Format.FiniteOnly => nan | sign, _ => nan });
        }
        if (code == 0 && format == Format.Unsigned0) return 0;
        return (byte)(code | sign);
    }

    /// <summary>The code of a non-negative value that the format represents exactly.</summary>
    private static int EncodeExact(double value, int mantissaBits, int bias)
    {
        if (value == 0) return 0;
        int exponent = Math.ILogB(value);
        if (exponent < 1 - bias) return (int)(value / Math.ScaleB(1.0, 1 - bias - mantissaBits));
        int mantissa = (int)((value / Math.ScaleB(1.0, exponent) - 1) * (1 << mantissaBits));
        return ((exponent + bias) << mantissaBits) | mantissa;
    }

    private static double Decode(int code, int mantissaBits, int bias)
    {
        int exponentField = code >> mantissaBits;
        int mantissa = code & ((1 << mantissaBits) - 1);
        return exponentField == 0
            ? Math.ScaleB(mantissa, 1 - bias - mantissaBits)
            : Math.ScaleB(1 + mantissa / (double)(1 << mantissaBits), exponentField - bias);
    }

    /// <summary>Float8E8M0 takes the float32 exponent field, rounded by <paramref name="roundMode"/>.</summary>
    private static byte EncodeE8M0(float x, bool saturate, string roundMode)
    {
        uint bits = BitConverter.SingleToUInt32Bits(x);
        int exponent = (int)((bits >> 23) & 0xFF);
        if (exponent == 0xFF) return 0xFF;
        bool roundUp = roundMode switch
        {
            "up" => (bits & 0x7FFFFF) != 0,
            "down" => false,
            "nearest" => (bits & 0x400000) != 0 && ((bits & 0x3FFFFF) != 0 || exponent > 0),
            _ => throw new OnnxKitException($"round_mode '{roundMode}' is not one of up, down, nearest."),
        };
        if (roundUp && !(saturate && exponent == 0xFE)) exponent++;
        return (byte)exponent;
    }
}
