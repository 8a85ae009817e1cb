using System.Buffers.Binary;
using System.IO.Compression;
using OnnxKit.Ir;

namespace OnnxKit.Data.Readers;

/// <summary>
/// One IDX file (the MNIST format, LeCun et al.): two zero bytes, a type code, the rank, the
/// dims as big-endian 32-bit integers, then the values, big-endian, row-major. Gzipped files
/// (magic <c>1f 8b</c>) are decompressed as they are read. Records (slices along the first
/// axis) are read a batch at a time and returned as little-endian tensors; a file that ends
/// before its header's count is reported with the first incomplete record.
/// </summary>
public sealed class IdxFile : IDisposable
{
    private readonly Stream stream;
    private long nextRecord;

    private IdxFile(string path, Stream stream, DataType elementType, long[] dims)
    {
        Path = path;
        this.stream = stream;
        ElementType = elementType;
        Dims = dims;
        RecordDims = dims[1..];
        RecordBytes = checked(RecordDims.Aggregate(1L, (a, b) => a * b) * elementType.ByteCount(1));
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>The element type the type code names.</summary>
    public DataType ElementType { get; }

    /// <summary>The dims the header declares; the first is the number of records.</summary>
    public IReadOnlyList<long> Dims { get; }

    /// <summary>The dims of one record.</summary>
    public long[] RecordDims { get; }

    /// <summary>The number of records the header declares.</summary>
    public long Count => Dims[0];

    private long RecordBytes { get; }

    /// <summary>Whether <paramref name="fileName"/> looks like an IDX file (<c>*-idx3-ubyte</c>, <c>*.idx1-ubyte.gz</c>, ...).</summary>
    public static bool IsIdxName(string fileName) =>
        System.Text.RegularExpressions.Regex.IsMatch(fileName, @"[.-]idx\d-ubyte(\.gz)?$", System.Text.RegularExpressions.RegexOptions.IgnoreCase);

    /// <summary>Opens <paramref name="path"/> and reads its header.</summary>
    /// <exception cref="DataFormatException">The file is missing, empty, or its header is malformed.</exception>
    public static IdxFile Open(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "the file does not exist.");
        Stream stream = File.OpenRead(path);
        try
        {
            if (stream.Length == 0) throw new DataFormatException(path, null, "the file is empty.");
            int first = stream.ReadByte(), second = stream.ReadByte();
            stream.Position = 0;
            if (first == 0x1f && second == 0x8b) stream = new BufferedStream(new GZipStream(stream, CompressionMode.Decompress), 1 << 16);
            Span<byte> magic = stackalloc byte[4];
            if (ReadFully(stream, magic, path) < 4) throw new DataFormatException(path, null, "the file ends inside its IDX header.");
            if (magic[0] != 0 || magic[1] != 0) throw new DataFormatException(path, null, "not an IDX file (it must start with two zero bytes).");
            var type = magic[2] switch
            {
                0x08 => DataType.UInt8,
                0x09 => DataType.Int8,
                0x0B => DataType.Int16,
                0x0C => DataType.Int32,
                0x0D => DataType.Float,
                0x0E => DataType.Double,
                _ => throw new DataFormatException(path, null, $"unknown IDX type code 0x{magic[2]:x2}."),
            };
            int rank = magic[3];
            if (rank == 0) throw new DataFormatException(path, null, "the IDX header declares rank 0; a data file needs at least one axis.");
            var dimBytes = new byte[rank * 4];
            if (ReadFully(stream, dimBytes, path) < dimBytes.Length) throw new DataFormatException(path, null, "the file ends inside its IDX header.");
            var dims = new long[rank];
            for (int i = 0; i < rank; i++)
            {
                dims[i] = BinaryPrimitives.ReadUInt32BigEndian(dimBytes.AsSpan(i * 4));
                if (dims[i] > int.MaxValue) throw new DataFormatException(path, null, $"dimension {i} of the IDX header is {dims[i]}, too large.");
            }
            if (dims[0] == 0) throw new DataFormatException(path, null, "the file holds no records (its header declares 0).");
            return new IdxFile(path, stream, type, dims);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Reads the next <paramref name="count"/> records (fewer at the end) as a little-endian tensor named <paramref name="name"/>.</summary>
    /// <exception cref="DataFormatException">The file ends or is corrupt inside a record.</exception>
    public DenseTensor ReadRecords(int count, string name)
    {
        count = (int)Math.Min(count, Count - nextRecord);
        var data = new byte[checked(count * RecordBytes)];
        int read = ReadFully(stream, data, Path);
        if (read < data.Length)
        {
            long broken = nextRecord + read / RecordBytes;
            throw new DataFormatException(Path, broken, $"the file ends inside this record; its header declares {Count} records (truncated file?).");
        }
        int width = (int)ElementType.ByteCount(1);
        if (width > 1)
        {
            for (int i = 0; i < data.Length; i += width) data.AsSpan(i, width).Reverse();
        }
        var dims = new long[RecordDims.Length + 1];
        dims[0] = count;
        RecordDims.CopyTo(dims, 1);
        nextRecord += count;
        return new DenseTensor(ElementType, dims, data, name);
    }

    /// <inheritdoc/>
    public void Dispose() => stream.Dispose();

    private static int ReadFully(Stream stream, Span<byte> buffer, string path)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, null, $"the gzip data is corrupt: {e.Message}", e);
        }
    }
}
