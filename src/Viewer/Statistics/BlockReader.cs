using OnnxKit.Ir;
using ITensor = OnnxKit.Ir.ITensor;

namespace OnnxKit.Viewer.Statistics;

/// <summary>
/// Reads blocks of a tensor's packed data in increasing order: external and generated tensors
/// through their stream (so no more than one block is in memory), in-memory tensors from their buffer.
/// </summary>
internal sealed class BlockReader : IDisposable
{
    private readonly ITensor tensor;
    private readonly Stream? stream;
    private readonly ReadOnlyMemory<byte> memory;
    private long position;

    public BlockReader(ITensor tensor)
    {
        this.tensor = tensor;
        if (tensor is IStreamableTensor || tensor.ExternalReference() is not null) stream = tensor.OpenRead();
        else memory = tensor.GetRawData();
    }

    /// <summary>The packed bytes of elements [start, start + length); <paramref name="start"/> never decreases between calls.</summary>
    /// <exception cref="InvalidDataException">The data ends before the block does.</exception>
    public ReadOnlySpan<byte> Read(long start, int length, byte[] buffer)
    {
        long offset = tensor.DataType.ByteCount(start);
        int size = (int)tensor.DataType.ByteCount(length);
        if (stream is null)
        {
            if (offset + size > memory.Length) throw Short();
            return memory.Span.Slice((int)offset, size);
        }

        if (stream.CanSeek) stream.Seek(offset, SeekOrigin.Begin);
        else Skip(offset - position, buffer);
        stream.ReadExactly(buffer, 0, size);
        position = offset + size;
        return buffer.AsSpan(0, size);
    }

    public void Dispose() => stream?.Dispose();

    private void Skip(long bytes, byte[] buffer)
    {
        while (bytes > 0)
        {
            int read = stream!.Read(buffer, 0, (int)Math.Min(bytes, buffer.Length));
            if (read == 0) throw Short();
            bytes -= read;
        }
    }

    private InvalidDataException Short() =>
        new($"Tensor '{tensor.Name}' holds fewer bytes of data than its {tensor.ElementCount} elements need.");
}
