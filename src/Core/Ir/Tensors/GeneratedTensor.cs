namespace OnnxKit.Ir;

/// <summary>
/// A tensor whose bytes are produced on demand, chunk by chunk, by a fill function:
/// weights too large for memory (seeded random initializers of a multi-gigabyte
/// layer) are streamed straight into an external data file when the model is saved.
/// The fill function must be deterministic: it may be called more than once for the
/// same range.
/// </summary>
public sealed class GeneratedTensor : IStreamableTensor
{
    /// <summary>Fills <paramref name="chunk"/> with the packed bytes starting at byte <paramref name="byteOffset"/>.</summary>
    public delegate void Fill(long byteOffset, Span<byte> chunk);

    private readonly long[] dims;
    private readonly Fill fill;

    /// <summary>Describes the tensor; no data is produced until it is read.</summary>
    public GeneratedTensor(DataType dataType, IEnumerable<long> dims, Fill fill, string? name = null)
    {
        if (dataType is DataType.String or DataType.Undefined)
            throw new ArgumentException($"A generated tensor cannot hold {dataType.OnnxName()} elements.", nameof(dataType));
        DataType = dataType;
        this.dims = dims.ToArray();
        ElementCount = TensorDims.ElementCount(this.dims, name);
        this.fill = fill;
        Name = name;
    }

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
    public string? DocString => null;

    /// <summary>Produces all the data in one buffer; only for tensors under 2 GiB.</summary>
    public ReadOnlyMemory<byte> GetRawData()
    {
        if (ByteCount > int.MaxValue)
            throw new InvalidOperationException($"Generated tensor '{Name}' has {ByteCount} bytes, more than one buffer can hold; stream it with {nameof(OpenRead)}.");
        var bytes = new byte[ByteCount];
        fill(0, bytes);
        return bytes;
    }

    /// <inheritdoc/>
    public Stream OpenRead() => new GeneratedStream(this);

    private sealed class GeneratedStream(GeneratedTensor tensor) : Stream
    {
        private long position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => tensor.ByteCount;

        public override long Position
        {
            get => position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            int n = (int)Math.Min(buffer.Length, Length - position);
            if (n <= 0) return 0;
            tensor.fill(position, buffer[..n]);
            position += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
