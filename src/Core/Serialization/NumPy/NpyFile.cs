using OnnxKit.Ir;

namespace OnnxKit.Serialization.NumPy;

/// <summary>
/// Reads and writes NumPy <c>.npy</c> files (format versions 1.0 to 3.0) as ONNX tensors.
/// </summary>
/// <remarks>
/// Every numeric dtype NumPy has maps to its ONNX element type: float16/32/64, signed and
/// unsigned 8- to 64-bit integers, bool and complex64/128. bfloat16, which NumPy lacks, is
/// written as a two-byte void (<c>'|V2'</c>, what ml_dtypes' bfloat16 arrays save as) and any
/// two-byte void reads back as bfloat16; view it with <c>arr.view(ml_dtypes.bfloat16)</c>.
/// Other ONNX types (float8, 4-bit, strings) have no NumPy form and are refused.
/// Big-endian files are converted to little-endian; Fortran-ordered files are reordered
/// to C order. Files are untrusted: the header is parsed, not evaluated, its size is
/// bounded, and the data is read only as far as the file really holds it.
/// </remarks>
public static class NpyFile
{
    /// <summary>Reads a <c>.npy</c> file; the tensor is named after the file (without extension).</summary>
    public static ITensor Read(string path)
    {
        if (!File.Exists(path)) throw new OnnxKitException($"Tensor file '{path}' does not exist.");
        using var stream = File.OpenRead(path);
        return Read(stream, Path.GetFileNameWithoutExtension(path), path);
    }

    /// <summary>Reads one array from <paramref name="stream"/>, which is left just past its data.</summary>
    /// <param name="stream">The stream positioned at the magic string.</param>
    /// <param name="name">The name to give the tensor.</param>
    /// <param name="where">Where the data comes from, for error messages.</param>
    public static ITensor Read(Stream stream, string? name = null, string? where = null)
    {
        where ??= name ?? "npy stream";
        var header = NpyHeader.Read(stream, where);
        var descr = NpyDescr.Parse(header.Descr, where);
        long count = TensorDims.ElementCount(header.Shape, name);
        long byteCount;
        try { byteCount = descr.DataType.ByteCount(count); }
        catch (OverflowException) { throw new OnnxFormatException(where, $"shape {TensorDims.Format(header.Shape)} is too large."); }
        if (byteCount > Array.MaxLength) throw new OnnxFormatException(where, $"shape {TensorDims.Format(header.Shape)} needs {byteCount} bytes, more than one array can hold.");

        byte[] data = ReadData(stream, (int)byteCount, where);
        if (descr.BigEndian) SwapBytes(data, NpyDescr.SwapUnit(descr.DataType));
        if (header.FortranOrder && header.Shape.Length > 1) data = FortranToC(data, header.Shape, descr.DataType.BitWidth() / 8);
        return new DenseTensor(descr.DataType, header.Shape, data, name);
    }

    /// <summary>Writes <paramref name="tensor"/> as a version 1.0 <c>.npy</c> file, atomically.</summary>
    public static void Write(string path, ITensor tensor) => AtomicFile.Write(path, stream => Write(stream, tensor, path));

    /// <summary>Writes <paramref name="tensor"/> to <paramref name="stream"/> in <c>.npy</c> form.</summary>
    public static void Write(Stream stream, ITensor tensor, string? where = null)
    {
        string descr = NpyDescr.For(tensor.DataType, where ?? tensor.Name ?? "tensor");
        new NpyHeader(descr, false, tensor.Dims.ToArray()).Write(stream);
        stream.Write(tensor.GetRawData().Span);
    }

    /// <summary>
    /// Reads exactly <paramref name="length"/> bytes without trusting the header's claim:
    /// a seekable stream must hold them; otherwise the buffer grows as data arrives.
    /// </summary>
    private static byte[] ReadData(Stream stream, int length, string where)
    {
        if (stream.CanSeek && stream.Length - stream.Position < length)
            throw Truncated(where, length, stream.Length - stream.Position);
        const int chunk = 1 << 24;
        if (stream.CanSeek || length <= chunk)
        {
            var exact = new byte[length];
            int read = stream.ReadAtLeast(exact, length, throwOnEndOfStream: false);
            if (read < length) throw Truncated(where, length, read);
            return exact;
        }
        using var buffer = new MemoryStream(chunk);
        var block = new byte[chunk];
        while (buffer.Length < length)
        {
            int read = stream.Read(block, 0, (int)Math.Min(chunk, length - buffer.Length));
            if (read == 0) throw Truncated(where, length, buffer.Length);
            buffer.Write(block, 0, read);
        }
        return buffer.ToArray();
    }

    private static OnnxFormatException Truncated(string where, long expected, long available) =>
        new(where, $"the header describes {expected} bytes of data but only {available} follow.");

    private static void SwapBytes(byte[] data, int unit)
    {
        if (unit <= 1) return;
        for (int i = 0; i + unit <= data.Length; i += unit) data.AsSpan(i, unit).Reverse();
    }

    /// <summary>Reorders column-major (first axis fastest) data into row-major order.</summary>
    private static byte[] FortranToC(byte[] data, long[] shape, int elementSize)
    {
        int rank = shape.Length;
        var fortranStrides = new long[rank];
        long stride = 1;
        for (int axis = 0; axis < rank; axis++)
        {
            fortranStrides[axis] = stride;
            stride *= shape[axis];
        }
        var result = new byte[data.Length];
        var index = new long[rank];
        long count = data.Length / elementSize;
        long source = 0;
        for (long target = 0; target < count; target++)
        {
            Buffer.BlockCopy(data, (int)(source * elementSize), result, (int)(target * elementSize), elementSize);
            for (int axis = rank - 1; axis >= 0; axis--)
            {
                source += fortranStrides[axis];
                if (++index[axis] < shape[axis]) break;
                source -= fortranStrides[axis] * shape[axis];
                index[axis] = 0;
            }
        }
        return result;
    }
}
