using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Numerics;

/// <summary>Stores integers in ONNX's raw layout of a quantized type (4-bit values two to a byte, the first in the low nibble).</summary>
public static class QuantizedTensors
{
    /// <summary>A tensor of <paramref name="type"/> holding <paramref name="values"/> (each must fit the type).</summary>
    /// <exception cref="ArgumentException"><paramref name="type"/> is not an integer type quantization stores.</exception>
    public static DenseTensor Pack(DataType type, IReadOnlyList<long> values, long[] dims, string? name = null)
    {
        switch (type)
        {
            case DataType.UInt8: return DenseTensor.FromArray(type, values.Select(v => checked((byte)v)).ToArray(), dims, name);
            case DataType.Int8: return DenseTensor.FromArray(type, values.Select(v => checked((sbyte)v)).ToArray(), dims, name);
            case DataType.UInt16: return DenseTensor.FromArray(type, values.Select(v => checked((ushort)v)).ToArray(), dims, name);
            case DataType.Int16: return DenseTensor.FromArray(type, values.Select(v => checked((short)v)).ToArray(), dims, name);
            case DataType.Int32: return DenseTensor.FromArray(type, values.Select(v => checked((int)v)).ToArray(), dims, name);
            case DataType.UInt4 or DataType.Int4:
                long min = type == DataType.Int4 ? -8 : 0;
                var packed = new byte[(values.Count + 1) / 2];
                for (int i = 0; i < values.Count; i++)
                {
                    long v = values[i];
                    if (v < min || v > min + 15) throw new OverflowException($"{v} does not fit {type.OnnxName()}.");
                    packed[i / 2] |= (byte)((v & 0xF) << (i % 2 * 4));
                }
                return new DenseTensor(type, dims, packed, name);
            default:
                throw new ArgumentException($"Cannot store quantized values as {type.OnnxName()}.", nameof(type));
        }
    }
}
