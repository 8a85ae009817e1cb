using System.Runtime.InteropServices;
using System.Text;
using OnnxKit.Ir;

namespace OnnxKit.Reference;

/// <summary>Conversion between evaluator tensors and the IR's <see cref="ITensor"/>.</summary>
public sealed partial class TensorValue
{
    /// <summary>Copies an IR tensor (an initializer, an attribute value, a test input) into an evaluator tensor.</summary>
    public static TensorValue FromTensor(ITensor tensor)
    {
        var type = tensor.DataType;
        var dims = ShapeMath.ToInt(tensor.Dims);
        if (tensor is StringTensor strings)
            return new TensorValue(type, dims, strings.Values.Select(b => Encoding.UTF8.GetString(b)).ToArray());
        if (!ElementStorage.IsSupported(type))
            throw new UnsupportedFeatureException($"element type {type.OnnxName()}", $"The reference evaluator does not support tensors of {type.OnnxName()}.");
        var raw = tensor.GetRawData().Span;
        int count = ShapeMath.ElementCount(dims);
        Array data = type switch
        {
            DataType.Bool => ToBools(raw),
            DataType.Int4 or DataType.Int2 => Unpack(type, raw, count, n => (sbyte)n),
            DataType.UInt4 or DataType.UInt2 => Unpack(type, raw, count, n => (byte)n),
            DataType.Float4E2M1 => UnpackNibbles(raw, count),
            _ => CopyBlittable(type, raw),
        };
        return new TensorValue(type, dims, data);
    }

    /// <summary>Copies this tensor into an IR tensor (string tensors become <see cref="StringTensor"/>).</summary>
    public ITensor ToTensor(string? name = null)
    {
        var dims = Dims.Select(d => (long)d).ToArray();
        return Data switch
        {
            string[] s => new StringTensor(s.Select(Encoding.UTF8.GetBytes), dims, name),
            bool[] b => new DenseTensor(ElementType, dims, b.Select(v => v ? (byte)1 : (byte)0).ToArray(), name),
            _ when ElementType.BitWidth() < 8 => new DenseTensor(ElementType, dims, Pack(), name),
            _ => new DenseTensor(ElementType, dims, AsBytes().ToArray(), name),
        };
    }

    private static bool[] ToBools(ReadOnlySpan<byte> raw)
    {
        var result = new bool[raw.Length];
        for (int i = 0; i < raw.Length; i++) result[i] = raw[i] != 0;
        return result;
    }

    private static T[] Unpack<T>(DataType type, ReadOnlySpan<byte> raw, int count, Func<long, T> convert)
    {
        var result = new T[count];
        for (int i = 0; i < count; i++) result[i] = convert(ElementDecoder.ReadAsInt64(type, raw, i));
        return result;
    }

    private static byte[] UnpackNibbles(ReadOnlySpan<byte> raw, int count)
    {
        var result = new byte[count];
        for (int i = 0; i < count; i++) result[i] = (byte)((raw[i / 2] >> (i % 2 * 4)) & 0xF);
        return result;
    }

    private static Array CopyBlittable(DataType type, ReadOnlySpan<byte> raw)
    {
        var array = ElementStorage.Allocate(type, raw.Length / (type.BitWidth() / 8));
        raw.CopyTo(AsBytes(array));
        return array;
    }

    private ReadOnlySpan<byte> AsBytes() => AsBytes(Data);

    private static Span<byte> AsBytes(Array array) => array switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        Half[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        BFloat16[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        short[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ushort[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        uint[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        ulong[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new InvalidOperationException($"{array.GetType().Name} has no raw byte layout."),
    };

    /// <summary>Packs sub-byte elements, first element in the low bits.</summary>
    private byte[] Pack()
    {
        int bits = ElementType.BitWidth();
        int perByte = 8 / bits;
        var raw = new byte[(Data.Length + perByte - 1) / perByte];
        int mask = (1 << bits) - 1;
        for (int i = 0; i < Data.Length; i++)
        {
            int code = Data switch
            {
                sbyte[] s => s[i],
                byte[] b => b[i],
                _ => throw new InvalidOperationException("sub-byte data must be stored as bytes"),
            };
            raw[i / perByte] |= (byte)((code & mask) << (i % perByte * bits));
        }
        return raw;
    }
}
