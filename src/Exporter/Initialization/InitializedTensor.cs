using System.Runtime.InteropServices;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.Initialization;

/// <summary>
/// A float32 weight whose values an <see cref="Initializer"/> generates on demand. Asking for
/// its type or size generates nothing; the first <see cref="GetRawData"/> generates the whole
/// tensor and keeps it, so repeated exports (one per opset) generate once. Weights too large
/// for one buffer are made with <see cref="Streamed"/> instead.
/// </summary>
public sealed class InitializedTensor : ITensor
{
    private readonly long[] dims;
    private readonly Initializer initializer;
    private readonly InitializerContext context;
    private readonly Lock gate = new();
    private byte[]? data;

    /// <summary>Describes the tensor; nothing is generated yet.</summary>
    public InitializedTensor(string name, IReadOnlyList<long> dims, Initializer initializer, InitializerContext context)
    {
        Name = name;
        this.dims = dims.ToArray();
        this.initializer = initializer;
        this.context = context;
        ElementCount = TensorDims.ElementCount(this.dims, name);
        if (ByteCount > Array.MaxLength)
            throw new ArgumentException($"Weight '{name}' has {ByteCount} bytes, more than one buffer holds; use {nameof(Streamed)}.", nameof(dims));
    }

    /// <inheritdoc/>
    public string? Name { get; }

    /// <inheritdoc/>
    public DataType DataType => DataType.Float;

    /// <inheritdoc/>
    public IReadOnlyList<long> Dims => dims;

    /// <inheritdoc/>
    public long ElementCount { get; }

    /// <inheritdoc/>
    public long ByteCount => ElementCount * sizeof(float);

    /// <inheritdoc/>
    public string? DocString => null;

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> GetRawData()
    {
        lock (gate)
        {
            if (data is null)
            {
                var bytes = new byte[ByteCount];
                var values = MemoryMarshal.Cast<byte, float>(bytes.AsSpan());
                long chunks = (ElementCount + Initializer.ChunkElements - 1) / Initializer.ChunkElements;
                for (long chunk = 0; chunk < chunks; chunk++)
                {
                    int start = (int)(chunk * Initializer.ChunkElements);
                    initializer.FillChunk(values.Slice(start, (int)Math.Min(Initializer.ChunkElements, ElementCount - start)), chunk, context);
                }
                data = bytes;
            }
            return data;
        }
    }

    /// <summary>
    /// A weight of any size whose bytes are generated chunk by chunk as they are streamed
    /// (into an external data file on save), never held whole; the values equal those
    /// <see cref="InitializedTensor"/> would hold for the same context.
    /// </summary>
    public static GeneratedTensor Streamed(string name, IReadOnlyList<long> dims, Initializer initializer, InitializerContext context)
    {
        var chunk = new float[Initializer.ChunkElements];
        long cachedChunk = -1;
        long elementCount = TensorDims.ElementCount(dims, name);
        const long chunkBytes = Initializer.ChunkElements * sizeof(float);
        return new GeneratedTensor(DataType.Float, dims, (byteOffset, destination) =>
        {
            lock (chunk)
            {
                while (destination.Length > 0)
                {
                    long index = byteOffset / chunkBytes;
                    int elements = (int)Math.Min(Initializer.ChunkElements, elementCount - index * Initializer.ChunkElements);
                    if (index != cachedChunk)
                    {
                        initializer.FillChunk(chunk.AsSpan(0, elements), index, context);
                        cachedChunk = index;
                    }
                    var bytes = MemoryMarshal.AsBytes(chunk.AsSpan(0, elements))[(int)(byteOffset - index * chunkBytes)..];
                    int n = Math.Min(bytes.Length, destination.Length);
                    bytes[..n].CopyTo(destination);
                    destination = destination[n..];
                    byteOffset += n;
                }
            }
        }, name);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: float{TensorDims.Format(dims)} ({initializer.Name})";
}
