using System.Buffers;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// The inputs of one batched run, over buffers rented from <see cref="ArrayPool{T}.Shared"/>.
/// Disposing returns the buffers, so the tensors must not be used afterwards.
/// </summary>
internal sealed class MergedInputs(int inputs) : IDisposable
{
    private readonly List<byte[]> rented = new(inputs);

    /// <summary>One tensor per model input.</summary>
    public Dictionary<string, ITensor> Tensors { get; } = new(inputs, StringComparer.Ordinal);

    /// <summary>A buffer of exactly <paramref name="bytes"/> bytes, returned to the pool on dispose.</summary>
    public Memory<byte> Rent(int bytes)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(bytes);
        rented.Add(buffer);
        return buffer.AsMemory(0, bytes);
    }

    public void Dispose()
    {
        foreach (var buffer in rented) ArrayPool<byte>.Shared.Return(buffer);
        rented.Clear();
    }
}
