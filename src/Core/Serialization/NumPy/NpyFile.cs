using OnnxKit.Ir;
using OnnxKit.Security;

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
    /// <summary>Reads a <c>.npy</c> file; the tensor is named after the file (without extension) and may be no larger than <paramref name="limits"/> allow.</summary>
    public static ITensor Read(string path, ResourceLimits? limits = null)
    {
        using var stream = InputFiles.OpenRead(path, "Tensor file");
        return Read(stream, Path.GetFileNameWithoutExtension(path), path, limits);
    }

    /// <summary>
    /// Reads the one array <paramref name="stream"/> holds. The array's size is checked against
    /// <paramref name="limits"/> before anything is allocated, and data left after the array is an
    /// error (NumPy would ignore it, hiding a truncated header or concatenated files).
    /// </summary>
    /// <param name="stream">The stream positioned at the magic string.</param>
    /// <param name="name">The name to give the tensor.</param>
    /// <param name="where">Where the data comes from, for error messages.</param>
    /// <param name="limits">The tensor budget (<see cref="ResourceLimits.MaxTensorBytes"/>); the defaults when null.</param>
    public static ITensor Read(Stream stream, string? name = null, string? where = null, ResourceLimits? limits = null) =>
        Read(stream, name, where, limits, declaredLength: null);

    /// <summary>
    /// As <see cref="Read(Stream, string?, string?, ResourceLimits?)"/>; <paramref name="declaredLength"/> is how many bytes
    /// the stream says it holds (an archive entry's uncompressed size), so an array it cannot hold is refused unread.
    /// </summary>
    internal static ITensor Read(Stream stream, string? name, string? where, ResourceLimits? limits, long? declaredLength)
    {
        where ??= name ?? "npy stream";
        var header = NpyHeader.Read(stream, where);
        var descr = NpyDescr.Parse(header.Descr, where);
        long count = TensorDims.ElementCount(header.Shape, name);
        long byteCount = descr.DataType.ByteCount(count);
        (limits ?? ResourceLimits.Default).RequireTensorBytes(byteCount, $"{where}: array {descr.DataType.OnnxName()}{TensorDims.Format(header.Shape)}");
        if (byteCount > Array.MaxLength) throw new OnnxFormatException(where, $"shape {TensorDims.Format(header.Shape)} needs {byteCount} bytes, more than one array can hold.");

        if (declaredLength is long declared && declared - header.ByteLength < byteCount)
            throw Truncated(where, byteCount, Math.Max(0, declared - header.ByteLength));
        byte[] data = ReadData(stream, (int)byteCount, where, lengthKnown: declaredLength is not null);
        if (stream.ReadByte() != -1)
            throw new OnnxFormatException(where, $"there is data after the {byteCount} bytes its header describes; the file is not a single array (truncated header or concatenated files?).");
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
    private static byte[] ReadData(Stream stream, int length, string where, bool lengthKnown)
    {
        if (stream.CanSeek && stream.Length - stream.Position < length)
            throw Truncated(where, length, stream.Length - stream.Position);
        const int chunk = 1 << 24;
        if (stream.CanSeek || lengthKnown || length <= chunk)
        {
            var exact = new byte[length];
            int read = stream.ReadAtLeast(exact, length, throwOnEndOfStream: false);
            if (read < length) throw Truncated(where, length, read);
            return exact;
        }
        // A stream of unknown length (a compressed archive entry) is read in chunks, so a header that
        // claims more data than follows costs no more memory than the data that is really there.
        var chunks = new List<byte[]>();
        long total = 0;
        while (total < length)
        {
            var block = new byte[Math.Min(chunk, length - total)];
            int read = stream.ReadAtLeast(block, block.Length, throwOnEndOfStream: false);
            if (read < block.Length) throw Truncated(where, length, total + read);
            chunks.Add(block);
            total += read;
        }
        var result = new byte[length];
        int offset = 0;
        foreach (var block in chunks)
        {
            block.CopyTo(result, offset);
            offset += block.Length;
        }
        return result;
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
