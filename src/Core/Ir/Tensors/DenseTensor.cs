using System.Runtime.InteropServices;

namespace OnnxKit.Ir;

/// <summary>A tensor whose packed little-endian bytes are held in memory.</summary>
public sealed class DenseTensor : ITensor
{
    private readonly ReadOnlyMemory<byte> data;
    private readonly long[] dims;

    /// <summary>Wraps packed raw bytes; their length must match the type and dims.</summary>
    public DenseTensor(DataType dataType, IEnumerable<long> dims, ReadOnlyMemory<byte> rawData, string? name = null, string? docString = null)
    {
        if (dataType is DataType.String or DataType.Undefined)
            throw new ArgumentException($"A dense tensor cannot hold {dataType.OnnxName()} elements.", nameof(dataType));
        this.dims = dims.ToArray();
        DataType = dataType;
        ElementCount = TensorDims.ElementCount(this.dims, name);
        long expected = dataType.ByteCount(ElementCount);
        if (rawData.Length != expected)
            throw new ArgumentException($"Tensor '{name}' of {dataType.OnnxName()}{TensorDims.Format(this.dims)} needs {expected} bytes, got {rawData.Length}.", nameof(rawData));
        data = rawData;
        Name = name;
        DocString = docString;
    }

    /// <summary>Creates a tensor from elements of a matching CLR type (float for Float, Half for Float16, ...).</summary>
    public static DenseTensor FromArray<T>(DataType dataType, T[] values, long[] dims, string? name = null) where T : unmanaged
    {
        if (dataType.BitWidth() != System.Runtime.CompilerServices.Unsafe.SizeOf<T>() * 8) // the in-memory size: Marshal.SizeOf<bool> is 4, a bool element is 1 byte
            throw new ArgumentException($"{typeof(T).Name} does not match element type {dataType.OnnxName()}.", nameof(values));
        return new DenseTensor(dataType, dims, MemoryMarshal.AsBytes(values.AsSpan()).ToArray(), name);
    }

    /// <summary>A float32 tensor.</summary>
    public static DenseTensor FromFloats(float[] values, long[] dims, string? name = null) => FromArray(DataType.Float, values, dims, name);

    /// <summary>An int64 tensor.</summary>
    public static DenseTensor FromInt64s(long[] values, long[] dims, string? name = null) => FromArray(DataType.Int64, values, dims, name);

    /// <inheritdoc/>
    public string? Name { get; }

    /// <inheritdoc/>
    public DataType DataType { get; }

    /// <inheritdoc/>
    public IReadOnlyList<long> Dims => dims;

    /// <inheritdoc/>
    public long ElementCount { get; }

    /// <inheritdoc/>
    public long ByteCount => data.Length;

    /// <inheritdoc/>
    public string? DocString { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> GetRawData() => data;

    /// <summary>The same data under another name.</summary>
    public DenseTensor WithName(string? name) => new(DataType, dims, data, name, DocString);

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DataType.OnnxName()}{TensorDims.Format(dims)}";
}
