using System.Buffers;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime;

/// <summary>
/// Converts between OnnxKit's <see cref="ITensor"/> and ONNX Runtime's <see cref="OrtValue"/>.
/// Both use ONNX's element-type numbering and packed little-endian layout, so numeric data
/// crosses as raw bytes for every element type.
/// </summary>
internal static class OrtTensors
{
    /// <summary>
    /// ONNX Runtime's kernels take faster, differently-rounding paths for data on this boundary,
    /// so inputs are always handed over aligned to it: results then do not depend on where the
    /// caller's managed array happens to lie.
    /// </summary>
    private const int Alignment = 64;

    /// <summary>
    /// An <see cref="OrtValue"/> holding the tensor's data: over the tensor's own bytes (pinned, not
    /// copied) when they are <see cref="Alignment"/>-aligned, else a copy in memory ONNX Runtime
    /// allocates (aligned). Dispose the result after the run to release both.
    /// </summary>
    public static PinnedOrtValue ToOrtValue(ITensor tensor)
    {
        long[] dims = tensor.Dims.ToArray();
        if (tensor.DataType == DataType.String)
        {
            var strings = tensor.ToStrings();
            var value = OrtValue.CreateTensorWithEmptyStrings(OrtAllocator.DefaultInstance, dims);
            for (int i = 0; i < strings.Count; i++) value.StringTensorSetElementAt(strings[i], i);
            return new PinnedOrtValue(value, default);
        }
        var raw = tensor.GetRawData();
        if (raw.Length == 0) raw = EmptyPlaceholder;
        var handle = raw.Pin();
        try
        {
            unsafe
            {
                if ((nint)handle.Pointer % Alignment == 0)
                {
                    var pinned = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)tensor.DataType, dims,
                        (IntPtr)handle.Pointer, tensor.ByteCount);
                    return new PinnedOrtValue(pinned, handle);
                }
            }
            handle.Dispose();
            var copy = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, (TensorElementType)tensor.DataType, dims);
            if (tensor.ByteCount > 0) raw.Span[..(int)tensor.ByteCount].CopyTo(copy.GetTensorMutableDataAsSpan<byte>());
            return new PinnedOrtValue(copy, default);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Copies a tensor <see cref="OrtValue"/> into an OnnxKit tensor named <paramref name="name"/>.</summary>
    public static ITensor ToTensor(OrtValue value, string name)
    {
        if (!value.IsTensor)
            throw new UnsupportedFeatureException("non-tensor values", $"Output '{name}' is a {value.OnnxType}, not a tensor; OnnxKit exchanges tensors only with ONNX Runtime.");
        var info = value.GetTensorTypeAndShape();
        long[] dims = info.Shape;
        var type = (DataType)(int)info.ElementDataType;
        if (type == DataType.String)
        {
            var elements = new byte[info.ElementCount][];
            for (int i = 0; i < elements.Length; i++) elements[i] = value.GetStringElementAsSpan(i).ToArray();
            return new StringTensor(elements, dims, name);
        }
        return new DenseTensor(type, dims, value.GetTensorDataAsSpan<byte>().ToArray(), name);
    }

    /// <summary>The spec of an input or output from ONNX Runtime's metadata.</summary>
    public static TensorSpec ToSpec(string name, NodeMetadata metadata)
    {
        if (!metadata.IsTensor) return new TensorSpec(name, DataType.Undefined, null);
        var dims = new Dim[metadata.Dimensions.Length];
        for (int i = 0; i < dims.Length; i++)
        {
            string? symbol = i < metadata.SymbolicDimensions.Length ? metadata.SymbolicDimensions[i] : null;
            dims[i] = metadata.Dimensions[i] >= 0 ? Dim.Of(metadata.Dimensions[i])
                : string.IsNullOrEmpty(symbol) ? Dim.Unknown() : Dim.Named(symbol);
        }
        return new TensorSpec(name, (DataType)(int)metadata.ElementDataType, new Shape(dims));
    }

    /// <summary>
    /// Like <see cref="ToOrtValue"/>, but the data is always in memory this process owns, as ONNX
    /// Runtime's <c>AddInitializer</c> requires: an unaligned tensor is copied into an aligned native
    /// buffer that the result owns (freed when it is disposed, so a session's copies go with it). The
    /// copy reads a memory-mapped model file through the file, not the mapping, so the process holds
    /// the aligned copy alone rather than it and the mapped pages (see <see cref="OnnxKit.Ir.Tensor.CopyRawDataTo"/>).
    /// </summary>
    public static PinnedOrtValue ToUserOwnedOrtValue(ITensor tensor)
    {
        if (tensor.DataType == DataType.String || tensor.ByteCount == 0 || IsAligned(tensor.GetRawData())) return ToOrtValue(tensor);
        var buffer = new AlignedNativeBuffer(tensor.ByteCount, Alignment);
        try
        {
            tensor.CopyRawDataTo(buffer.Span);
            var value = OrtValue.CreateTensorValueWithData(OrtMemoryInfo.DefaultInstance, (TensorElementType)tensor.DataType, tensor.Dims.ToArray(),
                buffer.Pointer, tensor.ByteCount);
            return new PinnedOrtValue(value, default, buffer);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static bool IsAligned(ReadOnlyMemory<byte> raw)
    {
        using var handle = raw.Pin();
        unsafe
        {
            return (nint)handle.Pointer % Alignment == 0;
        }
    }

    private static readonly ReadOnlyMemory<byte> EmptyPlaceholder = GC.AllocateArray<byte>(1, pinned: true);

    /// <summary>An <see cref="OrtValue"/> and the pin (or the buffer it owns) that keeps its data in place.</summary>
    internal sealed class PinnedOrtValue(OrtValue value, MemoryHandle pin, IDisposable? buffer = null) : IDisposable
    {
        public OrtValue Value { get; } = value;

        public void Dispose()
        {
            Value.Dispose();
            pin.Dispose();
            buffer?.Dispose();
        }
    }
}
