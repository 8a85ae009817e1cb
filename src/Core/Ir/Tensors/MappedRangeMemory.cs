using System.Buffers;
using System.IO.MemoryMappedFiles;

namespace OnnxKit.Ir;

/// <summary>Exposes a mapped view of a file as <see cref="Memory{T}"/> without copying it.</summary>
internal sealed unsafe class MappedRangeMemory : MemoryManager<byte>
{
    private readonly MemoryMappedViewAccessor view;
    private readonly byte* pointer;
    private readonly int length;

    public MappedRangeMemory(MemoryMappedViewAccessor view, int length)
    {
        this.view = view;
        this.length = length;
        byte* basePointer = null;
        view.SafeMemoryMappedViewHandle.AcquirePointer(ref basePointer);
        pointer = basePointer + view.PointerOffset;
    }

    /// <summary>The first byte of the range.</summary>
    public byte* Pointer => pointer;

    public override Span<byte> GetSpan() => new(pointer, length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(pointer + elementIndex);

    public override void Unpin() { }

    protected override void Dispose(bool disposing)
    {
        view.SafeMemoryMappedViewHandle.ReleasePointer();
        view.Dispose();
    }
}
