using System.Buffers;
using System.Runtime.InteropServices;

namespace OnnxKit.Data.Binding;

/// <summary>
/// Bytes starting on a given boundary in an array rented from the shared pool and pinned until disposed, when the
/// array goes back to the pool. A binder that reuses its input buffers holds a few of these: binding in a loop, as
/// evaluation does, then takes the same arrays each time instead of allocating pinned ones (3.2 MB for four sets of
/// 256 images), which the collector counts against its large-object budget and pays for with full collections.
/// </summary>
internal sealed class PooledPinnedBuffer : IDisposable
{
    private byte[]? array;
    private GCHandle pin;

    /// <summary>Rents and pins room for <paramref name="length"/> bytes on an <paramref name="alignment"/> boundary.</summary>
    public PooledPinnedBuffer(int length, int alignment)
    {
        array = ArrayPool<byte>.Shared.Rent(checked(length + alignment));
        pin = GCHandle.Alloc(array, GCHandleType.Pinned);
        int offset = (int)((alignment - pin.AddrOfPinnedObject() % alignment) % alignment);
        Memory = array.AsMemory(offset, length);
    }

    /// <summary>The aligned bytes; not to be used after <see cref="Dispose"/>.</summary>
    public Memory<byte> Memory { get; private set; }

    /// <summary>Unpins the array and returns it to the pool.</summary>
    public void Dispose()
    {
        if (array is null) return;
        pin.Free();
        ArrayPool<byte>.Shared.Return(array);
        array = null;
        Memory = default;
    }
}
