using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxKit.Ir;

namespace OnnxKit.Runtime;

/// <summary>
/// A numeric tensor in pinned managed memory, wrapped once in an ONNX Runtime
/// <see cref="OrtValue"/> so that sessions read and write it in place. It can be bound as an
/// input or an output of any number of runs and sessions (<see cref="ExplicitBinding"/>,
/// <see cref="SessionBinding"/>); the caller reads and writes it through <see cref="Span{T}"/>.
/// It owns its buffer and native value; dispose it after the last run that uses it.
/// </summary>
public sealed class NativeTensor : IDisposable
{
    private readonly byte[] buffer;
    private readonly long[] dims;

    private unsafe NativeTensor(DataType type, long[] dims, string name)
    {
        if (type is DataType.String or DataType.Undefined)
            throw new OnnxKitException($"Tensor '{name}' is {type.OnnxName()}; native tensors hold numeric data only.");
        long bytes = type.ByteCount(TensorDims.ElementCount(dims, name));
        if (bytes > Array.MaxLength) throw new OnnxKitException($"Tensor '{name}' of {TensorDims.Format(dims)} is too large for one buffer.");
        Name = name;
        DataType = type;
        this.dims = (long[])dims.Clone();
        ByteCount = (int)bytes;
        buffer = GC.AllocateArray<byte>(Math.Max(1, ByteCount), pinned: true);
        fixed (byte* pointer = buffer)
        {
            Value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)type, this.dims, (IntPtr)pointer, bytes);
        }
    }

    /// <summary>A zero-filled tensor of <paramref name="type"/> and shape <paramref name="dims"/>.</summary>
    public static NativeTensor Zeros(DataType type, IReadOnlyList<long> dims, string name) => new(type, dims.ToArray(), name);

    /// <summary>A tensor holding a copy of <paramref name="tensor"/>'s data.</summary>
    public static NativeTensor From(ITensor tensor, string? name = null)
    {
        var result = new NativeTensor(tensor.DataType, tensor.Dims.ToArray(), name ?? tensor.Name ?? "tensor");
        tensor.GetRawData().Span.CopyTo(result.Bytes);
        return result;
    }

    /// <summary>The tensor's name, for messages.</summary>
    public string Name { get; }

    /// <summary>The element type.</summary>
    public DataType DataType { get; }

    /// <summary>The shape.</summary>
    public IReadOnlyList<long> Dims => dims;

    /// <summary>The size of the data in bytes.</summary>
    public int ByteCount { get; }

    /// <summary>The data as raw bytes, readable and writable in place.</summary>
    public Span<byte> Bytes => buffer.AsSpan(0, ByteCount);

    /// <summary>The data as elements of <typeparamref name="T"/> (whose size must match the element type's).</summary>
    public Span<T> Span<T>() where T : unmanaged => MemoryMarshal.Cast<byte, T>(Bytes);

    internal OrtValue Value { get; }

    /// <summary>Copies <paramref name="tensor"/>'s data in; its type and shape must be this tensor's.</summary>
    public void CopyFrom(ITensor tensor)
    {
        if (tensor.DataType != DataType || !tensor.Dims.SequenceEqual(dims))
            throw new OnnxKitException($"Tensor '{Name}' is {DataType.OnnxName()}{TensorDims.Format(dims)}; got {tensor.DataType.OnnxName()}{TensorDims.Format(tensor.Dims)}.");
        tensor.GetRawData().Span.CopyTo(Bytes);
    }

    /// <summary>A copy of the data as an OnnxKit tensor (allocates).</summary>
    public DenseTensor ToTensor(string? name = null) => new(DataType, dims, Bytes.ToArray(), name ?? Name);

    /// <summary>Releases the native value (the buffer is managed memory and goes with it).</summary>
    public void Dispose() => Value.Dispose();

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {DataType.OnnxName()}{TensorDims.Format(dims)}";
}
