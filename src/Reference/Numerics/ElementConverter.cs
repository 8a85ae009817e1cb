using System.Globalization;
using OnnxKit.Ir;

namespace OnnxKit.Reference.Numerics;

/// <summary>
/// Converts tensors between element types with the rules of ONNX's Cast: floats to integers
/// truncate toward zero, integers to narrower integers wrap around (two's complement), anything
/// to bool is "not zero", and 8/4-bit floats round to nearest even with optional saturation.
/// </summary>
internal static class ElementConverter
{
    /// <summary>Converts <paramref name="x"/> to <paramref name="to"/>; returns <paramref name="x"/> itself when the type already matches.</summary>
    public static TensorValue Convert(TensorValue x, DataType to, bool saturate = true, string roundMode = "up")
    {
        if (x.ElementType == to) return x;
        if (!ElementStorage.IsSupported(to))
            throw new UnsupportedFeatureException($"element type {to.OnnxName()}", $"conversion to {to.OnnxName()} is not supported.");
        Array result;
        if (to == DataType.String) result = ToStrings(x);
        else if (x.ElementType == DataType.String) result = FromDoubles(ParseStrings(x.Array<string>(), to), to, saturate, roundMode);
        else if (IsExactInteger(x.ElementType) && IsExactInteger(to)) result = FromInt64s(ToInt64s(x), to);
        else result = FromDoubles(ToDoubles(x), to, saturate, roundMode);
        return new TensorValue(to, x.Dims, result);
    }

    /// <summary>The elements of a numeric or bool tensor as doubles (exact except for the widest integers).</summary>
    public static double[] ToDoubles(TensorValue x)
    {
        int n = x.ElementCount;
        var result = new double[n];
        switch (x.ElementType)
        {
            case DataType.Float: { var a = x.Array<float>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.Double: Array.Copy(x.Array<double>(), result, n); break;
            case DataType.Float16: { var a = x.Array<Half>(); for (int i = 0; i < n; i++) result[i] = (double)a[i]; break; }
            case DataType.BFloat16: { var a = x.Array<BFloat16>(); for (int i = 0; i < n; i++) result[i] = a[i].ToSingle(); break; }
            case DataType.UInt64: { var a = x.Array<ulong>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case var t when ElementStorage.IsSmallFloat(t):
                { var a = x.Array<byte>(); for (int i = 0; i < n; i++) result[i] = DecodeSmallFloat(t, a[i]); break; }
            case DataType.String: throw new OnnxKitException("string tensors have no numeric value.");
            default:
                var longs = ToInt64s(x);
                for (int i = 0; i < n; i++) result[i] = longs[i];
                break;
        }
        return result;
    }

    /// <summary>The elements of an integer or bool tensor as longs (uint64 keeps its bit pattern).</summary>
    public static long[] ToInt64s(TensorValue x)
    {
        int n = x.ElementCount;
        var result = new long[n];
        switch (x.ElementType)
        {
            case DataType.Int64: Array.Copy(x.Array<long>(), result, n); break;
            case DataType.Int32: { var a = x.Array<int>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.Int16: { var a = x.Array<short>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.Int8 or DataType.Int4 or DataType.Int2: { var a = x.Array<sbyte>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.UInt8 or DataType.UInt4 or DataType.UInt2: { var a = x.Array<byte>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.UInt16: { var a = x.Array<ushort>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.UInt32: { var a = x.Array<uint>(); for (int i = 0; i < n; i++) result[i] = a[i]; break; }
            case DataType.UInt64: { var a = x.Array<ulong>(); for (int i = 0; i < n; i++) result[i] = (long)a[i]; break; }
            case DataType.Bool: { var a = x.Array<bool>(); for (int i = 0; i < n; i++) result[i] = a[i] ? 1 : 0; break; }
            default:
                var doubles = ToDoubles(x);
                for (int i = 0; i < n; i++) result[i] = TruncateToInt64(doubles[i]);
                break;
        }
        return result;
    }

    /// <summary>Decodes one stored 8-bit or 4-bit float.</summary>
    public static float DecodeSmallFloat(DataType type, byte bits) =>
        type == DataType.Float4E2M1 ? Float8.Float4E2M1ToSingle(bits) : Float8.ToSingle(type, bits);

    /// <summary>Builds an array of <paramref name="to"/> from doubles.</summary>
    public static Array FromDoubles(double[] values, DataType to, bool saturate = true, string roundMode = "up")
    {
        int n = values.Length;
        switch (to)
        {
            case DataType.Float: { var r = new float[n]; for (int i = 0; i < n; i++) r[i] = (float)values[i]; return r; }
            case DataType.Double: return (double[])values.Clone();
            case DataType.Float16: { var r = new Half[n]; for (int i = 0; i < n; i++) r[i] = (Half)values[i]; return r; }
            case DataType.BFloat16: { var r = new BFloat16[n]; for (int i = 0; i < n; i++) r[i] = BFloat16.FromSingle((float)values[i]); return r; }
            case DataType.Bool: { var r = new bool[n]; for (int i = 0; i < n; i++) r[i] = values[i] != 0; return r; }
            case DataType.UInt64: { var r = new ulong[n]; for (int i = 0; i < n; i++) r[i] = TruncateToUInt64(values[i]); return r; }
            case var t when ElementStorage.IsSmallFloat(t):
                { var r = new byte[n]; for (int i = 0; i < n; i++) r[i] = SmallFloatEncoder.Encode(t, values[i], saturate, roundMode); return r; }
            default:
                var longs = new long[n];
                for (int i = 0; i < n; i++) longs[i] = TruncateToInt64(values[i]);
                return FromInt64s(longs, to);
        }
    }

    /// <summary>Builds an array of integer or bool type <paramref name="to"/> from longs, wrapping out-of-range values.</summary>
    public static Array FromInt64s(long[] values, DataType to)
    {
        int n = values.Length;
        switch (to)
        {
            case DataType.Int64: return (long[])values.Clone();
            case DataType.Int32: { var r = new int[n]; for (int i = 0; i < n; i++) r[i] = unchecked((int)values[i]); return r; }
            case DataType.Int16: { var r = new short[n]; for (int i = 0; i < n; i++) r[i] = unchecked((short)values[i]); return r; }
            case DataType.Int8: { var r = new sbyte[n]; for (int i = 0; i < n; i++) r[i] = unchecked((sbyte)values[i]); return r; }
            case DataType.UInt8: { var r = new byte[n]; for (int i = 0; i < n; i++) r[i] = unchecked((byte)values[i]); return r; }
            case DataType.UInt16: { var r = new ushort[n]; for (int i = 0; i < n; i++) r[i] = unchecked((ushort)values[i]); return r; }
            case DataType.UInt32: { var r = new uint[n]; for (int i = 0; i < n; i++) r[i] = unchecked((uint)values[i]); return r; }
            case DataType.UInt64: { var r = new ulong[n]; for (int i = 0; i < n; i++) r[i] = unchecked((ulong)values[i]); return r; }
            case DataType.Bool: { var r = new bool[n]; for (int i = 0; i < n; i++) r[i] = values[i] != 0; return r; }
            case DataType.Int4 or DataType.Int2:
                {
                    int bits = to.BitWidth();
                    var r = new sbyte[n];
                    for (int i = 0; i < n; i++) r[i] = (sbyte)((values[i] << (64 - bits)) >> (64 - bits));
                    return r;
                }
            case DataType.UInt4 or DataType.UInt2:
                {
                    long mask = (1L << to.BitWidth()) - 1;
                    var r = new byte[n];
                    for (int i = 0; i < n; i++) r[i] = (byte)(values[i] & mask);
                    return r;
                }
            default:
                var doubles = new double[n];
                for (int i = 0; i < n; i++) doubles[i] = values[i];
                return FromDoubles(doubles, to);
        }
    }

    /// <summary>True for types whose values are integers that fit a long exactly (bool included).</summary>
    private static bool IsExactInteger(DataType type) => type.IsInteger() || type == DataType.Bool;

    private static long TruncateToInt64(double v) => double.IsNaN(v) ? long.MinValue : (long)Math.Truncate(v);

    private static ulong TruncateToUInt64(double v) => v < 0 ? unchecked((ulong)TruncateToInt64(v)) : double.IsNaN(v) ? 0 : (ulong)Math.Truncate(v);

    private static string[] ToStrings(TensorValue x)
    {
        if (x.ElementType.IsInteger() || x.ElementType == DataType.Bool)
            return ToInt64s(x).Select(v => x.ElementType == DataType.UInt64 ? ((ulong)v).ToString(CultureInfo.InvariantCulture) : v.ToString(CultureInfo.InvariantCulture)).ToArray();
        return ToDoubles(x).Select(v => FormatFloat(v, x.ElementType)).ToArray();
    }

    private static string FormatFloat(double v, DataType type) => v switch
    {
        double.PositiveInfinity => "INF",
        double.NegativeInfinity => "-INF",
        _ when double.IsNaN(v) => "NaN",
        _ => type == DataType.Double ? v.ToString("R", CultureInfo.InvariantCulture) : ((float)v).ToString("R", CultureInfo.InvariantCulture),
    };

    private static double[] ParseStrings(string[] values, DataType to) => values.Select(s =>
    {
        string t = s.Trim();
        if (t.Equals("INF", StringComparison.OrdinalIgnoreCase) || t.Equals("+INF", StringComparison.OrdinalIgnoreCase)) return double.PositiveInfinity;
        if (t.Equals("-INF", StringComparison.OrdinalIgnoreCase)) return double.NegativeInfinity;
        if (t.Equals("NaN", StringComparison.OrdinalIgnoreCase)) return double.NaN;
        if (double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)) return d;
        throw new OnnxKitException($"string '{s}' is not a number and cannot be cast to {to.OnnxName()}.");
    }).ToArray();
}
