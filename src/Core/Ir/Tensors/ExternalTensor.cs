using System.IO.MemoryMappedFiles;

namespace OnnxKit.Ir;

/// <summary>
/// A tensor whose bytes live in a file beside the model. Type, dims and size are
/// known without I/O; the file is memory-mapped on the first data access and the
/// mapping is shared by all later reads. The path was validated by the loader
/// (inside the model's folder, range inside the file).
/// </summary>
public sealed class ExternalTensor : IStreamableTensor, IDisposable
{
    private readonly long[] dims;
    private readonly object gate = new();
    private MemoryMappedFile? mapping;
    private MappedRangeMemory? memory;

    /// <summary>Describes a validated external tensor.</summary>
    public ExternalTensor(DataType dataType, IEnumerable<long> dims, string fullPath, ExternalDataReference reference, string? name, string? docString = null)
    {
        DataType = dataType;
        this.dims = dims.ToArray();
        ElementCount = TensorDims.ElementCount(this.dims, name);
        FullPath = fullPath;
        Reference = reference;
        Name = name;
        DocString = docString;
    }

    /// <summary>The absolute path of the data file.</summary>
    public string FullPath { get; }

    /// <summary>The reference as written in the model.</summary>
    public ExternalDataReference Reference { get; }

    /// <inheritdoc/>
    public string? Name { get; }

    /// <inheritdoc/>
    public DataType DataType { get; }

    /// <inheritdoc/>
    public IReadOnlyList<long> Dims => dims;

    /// <inheritdoc/>
    public long ElementCount { get; }

    /// <inheritdoc/>
    public long ByteCount => DataType.ByteCount(ElementCount);

    /// <inheritdoc/>
    public string? DocString { get; }

    /// <inheritdoc/>
    public ReadOnlyMemory<byte> GetRawData()
    {
        if (ByteCount > int.MaxValue)
            throw new OnnxKitException($"External tensor '{Name}' has {ByteCount} bytes, more than one buffer can hold; only streaming readers can use it.");
        if (ByteCount == 0) return ReadOnlyMemory<byte>.Empty;
        lock (gate)
        {
            if (memory is null)
            {
                mapping = MemoryMappedFile.CreateFromFile(FullPath, FileMode.Open, null, 0, MemoryMappedFileAccess.Read);
                memory = new MappedRangeMemory(mapping.CreateViewAccessor(Reference.Offset, ByteCount, MemoryMappedFileAccess.Read), (int)ByteCount);
            }
            return memory.Memory;
        }
    }

    /// <summary>Opens the tensor's byte range for sequential reading, without mapping it.</summary>
    public Stream OpenRead() => new FileRangeStream(FullPath, Reference.Offset, ByteCount);

    /// <summary>Releases the memory mapping; the tensor can still be read again later.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            ((IDisposable?)memory)?.Dispose();
            mapping?.Dispose();
            memory = null;
            mapping = null;
        }
    }
}
