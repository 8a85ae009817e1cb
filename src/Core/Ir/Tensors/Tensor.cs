using System.Runtime.InteropServices;

namespace OnnxKit.Ir;

/// <summary>Typed views and conversions over any <see cref="ITensor"/>.</summary>
public static class Tensor
{
    /// <summary>
    /// Copies the elements into an array of <typeparamref name="T"/>, whose size must
    /// match the element type (float for Float, Half for Float16, byte for UInt8, ...).
    /// </summary>
    public static T[] ToArray<T>(this ITensor tensor) where T : unmanaged
    {
        int bits = tensor.DataType.BitWidth();
        if (bits != Marshal.SizeOf<T>() * 8 || bits < 8)
        {
            throw new InvalidOperationException(
                $"Tensor '{tensor.Name}' has element type {tensor.DataType.OnnxName()}, which cannot be read as {typeof(T).Name}.");
        }
        return MemoryMarshal.Cast<byte, T>(tensor.GetRawData().Span).ToArray();
    }

    /// <summary>
    /// Converts the elements of any real numeric or boolean tensor to float64
    /// (exact for every type but the widest integers).
    /// </summary>
    public static double[] ToDoubleArray(this ITensor tensor)
    {
        var raw = tensor.GetRawData().Span;
        long n = tensor.ElementCount;
        var result = new double[n];
        for (int i = 0; i < n; i++) result[i] = ElementDecoder.ReadAsDouble(tensor.DataType, raw, i);
        return result;
    }

    /// <summary>The elements as 64-bit integers (for shape-like tensors of any integer type).</summary>
    public static long[] ToInt64Array(this ITensor tensor)
    {
        var raw = tensor.GetRawData().Span;
        long n = tensor.ElementCount;
        var result = new long[n];
        for (int i = 0; i < n; i++) result[i] = ElementDecoder.ReadAsInt64(tensor.DataType, raw, i);
        return result;
    }

    /// <summary>Where the tensor's data is stored outside the model file, or null when it is inline or in memory.</summary>
    public static ExternalDataReference? ExternalReference(this ITensor tensor) => tensor switch
    {
        ExternalTensor e => e.Reference,
        Serialization.ProtoTensor { External: { } e } => e.Reference,
        _ => null,
    };

    /// <summary>Opens the packed data for sequential reading; external and generated tensors are streamed, not buffered.</summary>
    public static Stream OpenRead(this ITensor tensor) => tensor switch
    {
        IStreamableTensor streamable => streamable.OpenRead(),
        Serialization.ProtoTensor { External: { } e } => e.OpenRead(),
        _ => new MemoryStream(tensor.GetRawData().ToArray(), writable: false),
    };

    /// <summary>
    /// Copies the packed data into <paramref name="destination"/>, which must hold <see cref="ITensor.ByteCount"/>
    /// bytes. Raw data inline in a memory-mapped model file is read through the file rather than through the
    /// mapping, so copying a large weight leaves this process holding the copy alone, not also the mapped pages
    /// it was copied from.
    /// </summary>
    public static void CopyRawDataTo(this ITensor tensor, Span<byte> destination)
    {
        destination = destination[..checked((int)tensor.ByteCount)];
        if (tensor is Serialization.ProtoTensor { RawData: { Source.IsMapped: true } range } proto && proto.DataProblem() is null) range.CopyTo(destination);
        else tensor.GetRawData().Span.CopyTo(destination);
    }

    /// <summary>
    /// The elements of a string tensor as raw bytes (UTF-8 by convention), whichever
    /// implementation holds them (a <see cref="StringTensor"/>, or a tensor read from a model file).
    /// </summary>
    public static IReadOnlyList<byte[]> ToStrings(this ITensor tensor) => tensor switch
    {
        StringTensor strings => strings.Values,
        Serialization.ProtoTensor proto when proto.DataType == DataType.String => proto.GetStrings(),
        _ => throw new InvalidOperationException($"Tensor '{tensor.Name}' has element type {tensor.DataType.OnnxName()}, not string."),
    };
}
