using System.Runtime.InteropServices;

namespace OnnxKit.Runtime;

/// <summary>
/// A block of native memory at a given alignment, freed on <see cref="Dispose"/>. Weights handed to
/// ONNX Runtime live in these rather than in pinned managed arrays, so that a session's copies are
/// returned to the system the moment it is disposed instead of whenever the garbage collector
/// decommits its pinned heap: peak memory of a verification, which opens the original and then the
/// optimized model, stays at one copy of the weights.
/// </summary>
internal sealed unsafe class AlignedNativeBuffer : IDisposable
{
    private void* pointer;

    /// <summary>Allocates <paramref name="length"/> bytes (uninitialized) aligned to <paramref name="alignment"/> bytes.</summary>
    public AlignedNativeBuffer(long length, int alignment)
    {
        Length = checked((int)length);
        pointer = NativeMemory.AlignedAlloc((nuint)Length, (nuint)alignment);
    }

    /// <summary>The number of bytes.</summary>
    public int Length { get; }

    /// <summary>The first byte.</summary>
    public nint Pointer => pointer is null ? throw new ObjectDisposedException(nameof(AlignedNativeBuffer)) : (nint)pointer;

    /// <summary>The bytes, to fill.</summary>
    public Span<byte> Span => new((void*)Pointer, Length);

    /// <summary>Frees the memory; the buffer must no longer be in use.</summary>
    public void Dispose()
    {
        if (pointer is null) return;
        NativeMemory.AlignedFree(pointer);
        pointer = null;
    }
}
