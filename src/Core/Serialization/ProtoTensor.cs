using System.Buffers.Binary;
using System.Runtime.InteropServices;
using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;

namespace OnnxKit.Serialization;

/// <summary>
/// A tensor read from a file, backed by its unparsed <see cref="TensorProto"/>. Raw data stays
/// where it was read from (<see cref="RawData"/>, a range of the model's bytes, usually a memory
/// mapping) until the values are asked for; typed fields are decoded to raw bytes on first access
/// (and checked against the dims before anything is allocated); external data is delegated to a
/// validated <see cref="ExternalTensor"/>. Saving an unmodified model writes the original message
/// back, so nothing in it is lost.
/// </summary>
internal sealed class ProtoTensor : ITensor
{
    private readonly long[] dims;
    private readonly object gate = new();
    private ReadOnlyMemory<byte>? decoded;

    /// <param name="proto">The message; its <c>raw_data</c>, if any, is in <paramref name="rawData"/> instead when that is given.</param>
    /// <param name="external">The validated external data, when the tensor is stored outside the file.</param>
    /// <param name="location">Where the tensor sits in the model, for error messages.</param>
    /// <param name="rawData">Where the raw data lies in the model's bytes, when it was lifted out of the message.</param>
    public ProtoTensor(TensorProto proto, ExternalTensor? external, string location, SourceRange? rawData = null)
    {
        Proto = proto;
        External = external;
        Location = location;
        RawData = rawData;
        dims = proto.Dims.ToArray();
        ElementCount = TensorDims.ElementCount(dims, proto.Name);
    }

    /// <summary>The message as read (without its raw data when <see cref="RawData"/> holds it); never modified.</summary>
    public TensorProto Proto { get; }

    /// <summary>Where the raw data lies in the bytes the model was read from; null when it is in <see cref="Proto"/> or absent.</summary>
    public SourceRange? RawData { get; }

    /// <summary>True when the message has a <c>raw_data</c> field (possibly empty).</summary>
    public bool HasRawData => RawData is not null || Proto.HasRawData;

    /// <summary>The length of the <c>raw_data</c> field, known without reading it.</summary>
    public int RawDataLength => RawData?.Length ?? Proto.RawData.Length;

    /// <summary>The message with its raw data back in place (wrapping the source bytes, not copying them), as it is written.</summary>
    public TensorProto WithRawData()
    {
        if (RawData is not { } range) return Proto;
        var proto = Proto.Clone();
        proto.RawData = Google.Protobuf.UnsafeByteOperations.UnsafeWrap(range.Memory);
        return proto;
    }

    /// <summary>The validated external data, when the tensor is stored outside the file.</summary>
    public ExternalTensor? External { get; }

    /// <summary>Where the tensor sits in the model, for error messages.</summary>
    public string Location { get; }

    public string? Name => Proto.HasName ? Proto.Name : null;

    public DataType DataType => (DataType)Proto.DataType;

    public IReadOnlyList<long> Dims => dims;

    public long ElementCount { get; }

    public long ByteCount => DataType == DataType.String ? 0 : DataType.ByteCount(ElementCount);

    public string? DocString => Proto.HasDocString ? Proto.DocString : null;

    public ReadOnlyMemory<byte> GetRawData()
    {
        if (External is not null) return External.GetRawData();
        if (RawData is { } range && DataType != DataType.String && DataProblem() is null) return range.Memory; // not cached: each read checks the source first
        lock (gate)
        {
            decoded ??= Decode();
            return decoded.Value;
        }
    }

    /// <summary>The string elements of a string tensor.</summary>
    public IReadOnlyList<byte[]> GetStrings()
    {
        if (Proto.StringData.Count != ElementCount)
            throw Error($"has {Proto.StringData.Count} strings but its dims {TensorDims.Format(dims)} need {ElementCount}.");
        return Proto.StringData.Select(s => s.ToByteArray()).ToArray();
    }

    /// <summary>Describes why the stored data does not fit the declared type and dims, or null when it fits.</summary>
    public string? DataProblem()
    {
        if (!DataTypeInfo.IsDefined(Proto.DataType)) return $"has unknown element type {Proto.DataType}.";
        if (External is not null) return null;
        if (DataType == DataType.String)
            return Proto.StringData.Count == ElementCount ? null : $"has {Proto.StringData.Count} strings but its dims {TensorDims.Format(dims)} need {ElementCount}.";
        if (HasRawData)
        {
            long expected = DataType.ByteCount(ElementCount);
            return RawDataLength == expected ? null : $"has {RawDataLength} bytes of raw data but {DataType.OnnxName()}{TensorDims.Format(dims)} needs {expected}.";
        }
        var (field, count, perElement) = TypedField();
        if (field is null) return ElementCount == 0 ? null : $"has no data for {ElementCount} elements.";
        long needed = checked((ElementCount + perElement - 1) / perElement);
        return count == needed ? null : $"has {count} values in {field} but its dims {TensorDims.Format(dims)} need {needed}.";
    }

    private ReadOnlyMemory<byte> Decode()
    {
        if (DataProblem() is { } problem) throw Error(problem);
        if (DataType == DataType.String) throw Error("is a string tensor and has no raw data layout.");
        if (Proto.HasRawData) return Proto.RawData.Memory;
        var bytes = new byte[DataType.ByteCount(ElementCount)];
        switch (DataType)
        {
            case DataType.Float:
                MemoryMarshal.AsBytes(Proto.FloatData.ToArray().AsSpan()).CopyTo(bytes);
                break;
            case DataType.Double:
                MemoryMarshal.AsBytes(Proto.DoubleData.ToArray().AsSpan()).CopyTo(bytes);
                break;
            case DataType.Int64:
                MemoryMarshal.AsBytes(Proto.Int64Data.ToArray().AsSpan()).CopyTo(bytes);
                break;
            case DataType.UInt64 or DataType.UInt32:
                for (int i = 0; i < ElementCount; i++)
                {
                    if (DataType == DataType.UInt64) BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), Proto.Uint64Data[i]);
                    else BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), (uint)Proto.Uint64Data[i]);
                }
                break;
            case DataType.Complex64:
                MemoryMarshal.AsBytes(Proto.FloatData.ToArray().AsSpan()).CopyTo(bytes);
                break;
            case DataType.Complex128:
                MemoryMarshal.AsBytes(Proto.DoubleData.ToArray().AsSpan()).CopyTo(bytes);
                break;
            default:
                DecodeInt32Field(bytes);
                break;
        }
        return bytes;
    }

    /// <summary>
    /// int32_data carries every type of 16 bits or fewer: one element per entry, except
    /// sub-byte types, which are packed one byte per entry.
    /// </summary>
    private void DecodeInt32Field(byte[] bytes)
    {
        var values = Proto.Int32Data;
        int bits = DataType.BitWidth();
        for (int i = 0; i < values.Count; i++)
        {
            int v = values[i];
            switch (bits)
            {
                case 32: BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), v); break;
                case 16: BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(i * 2), (ushort)v); break;
                default: bytes[i] = (byte)v; break;
            }
        }
    }

    /// <summary>The typed field the data would be in, its count, and elements per entry.</summary>
    private (string? Field, long Count, long PerElement) TypedField()
    {
        int bits = DataType.BitWidth();
        return DataType switch
        {
            DataType.Float => ("float_data", Proto.FloatData.Count, 1),
            DataType.Complex64 => ("float_data", Proto.FloatData.Count / 2, 1),
            DataType.Double => ("double_data", Proto.DoubleData.Count, 1),
            DataType.Complex128 => ("double_data", Proto.DoubleData.Count / 2, 1),
            DataType.Int64 => ("int64_data", Proto.Int64Data.Count, 1),
            DataType.UInt64 or DataType.UInt32 => ("uint64_data", Proto.Uint64Data.Count, 1),
            _ when bits < 8 && Proto.Int32Data.Count > 0 => ("int32_data", Proto.Int32Data.Count, 8 / bits),
            _ when Proto.Int32Data.Count > 0 => ("int32_data", Proto.Int32Data.Count, 1),
            _ => (null, 0, 1),
        };
    }

    private OnnxFormatException Error(string message) => new(Location, $"tensor '{Name}' {message}");
}
