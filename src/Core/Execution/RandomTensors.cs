using System.Buffers.Binary;
using OnnxKit.Ir;
using OnnxKit.Security;

namespace OnnxKit.Execution;

/// <summary>
/// Seeded random inputs for any input spec. The same seed, specs and shapes always give
/// the same tensors. Floats are uniform in [0, 1); integers uniform in [0, 10) (safe as
/// indices and token ids for most models); uint8 uniform over [0, 255]; bools are fair
/// coin flips; strings are short lowercase words.
/// </summary>
public static class RandomTensors
{
    /// <summary>One random tensor per input, shapes resolved through <paramref name="shapes"/>.</summary>
    public static Dictionary<string, ITensor> ForInputs(IReadOnlyList<TensorSpec> inputs, ShapeOverrides shapes, int seed, ICollection<string> notes,
        ResourceLimits? limits = null)
    {
        var result = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        for (int i = 0; i < inputs.Count; i++)
        {
            var spec = inputs[i];
            result[spec.Name] = Create(spec.ElementType, shapes.Resolve(spec, notes), new Random(unchecked(seed * 7919 + i)), spec.Name, limits);
        }
        return result;
    }

    /// <summary>A random tensor of the given element type and dims, no larger than <paramref name="limits"/> allow.</summary>
    public static ITensor Create(DataType type, long[] dims, Random random, string? name = null, ResourceLimits? limits = null)
    {
        long count = TensorDims.ElementCount(dims, name);
        (limits ?? ResourceLimits.Default).RequireTensorBytes(type == DataType.String ? count * 8 : type.ByteCount(count),
            $"random input '{name}' {type.OnnxName()}{TensorDims.Format(dims)}");
        if (type == DataType.String)
        {
            var words = new string[count];
            for (long i = 0; i < count; i++) words[i] = new string(Enumerable.Range(0, random.Next(1, 9)).Select(_ => (char)('a' + random.Next(26))).ToArray());
            return StringTensor.FromStrings(words, dims, name);
        }
        int size = type.BitWidth() / 8;
        if (size == 0 || type.BitWidth() % 8 != 0)
            throw new OnnxKitException($"Random inputs of element type {type.OnnxName()} are not supported; give input '{name}' from a .pb file.");
        var raw = new byte[type.ByteCount(count)];
        var span = raw.AsSpan();
        for (long i = 0; i < count; i++) Fill(type, span.Slice((int)(i * size), size), random);
        return new DenseTensor(type, dims, raw, name);
    }

    private static void Fill(DataType type, Span<byte> element, Random random)
    {
        switch (type)
        {
            case DataType.Float: BinaryPrimitives.WriteSingleLittleEndian(element, random.NextSingle()); break;
            case DataType.Double: BinaryPrimitives.WriteDoubleLittleEndian(element, random.NextDouble()); break;
            case DataType.Float16: BinaryPrimitives.WriteHalfLittleEndian(element, (Half)random.NextSingle()); break;
            case DataType.BFloat16: BinaryPrimitives.WriteUInt16LittleEndian(element, BFloat16.FromSingle(random.NextSingle()).Bits); break;
            case DataType.Complex64:
                BinaryPrimitives.WriteSingleLittleEndian(element, random.NextSingle());
                BinaryPrimitives.WriteSingleLittleEndian(element[4..], random.NextSingle());
                break;
            case DataType.Complex128:
                BinaryPrimitives.WriteDoubleLittleEndian(element, random.NextDouble());
                BinaryPrimitives.WriteDoubleLittleEndian(element[8..], random.NextDouble());
                break;
            case DataType.Bool: element[0] = (byte)random.Next(2); break;
            case DataType.UInt8: element[0] = (byte)random.Next(256); break;
            case DataType.Int8: element[0] = (byte)random.Next(10); break;
            case DataType.Int16 or DataType.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(element, (ushort)random.Next(10)); break;
            case DataType.Int32 or DataType.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(element, (uint)random.Next(10)); break;
            case DataType.Int64 or DataType.UInt64: BinaryPrimitives.WriteUInt64LittleEndian(element, (ulong)random.Next(10)); break;
            default: element[0] = (byte)random.Next(256); break;
        }
    }
}
