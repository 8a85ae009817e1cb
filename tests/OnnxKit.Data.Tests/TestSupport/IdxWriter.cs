using System.Buffers.Binary;
using System.IO.Compression;

namespace OnnxKit.Data.Tests.TestSupport;

/// <summary>Writes small IDX files (optionally gzipped) for the reader's tests.</summary>
internal static class IdxWriter
{
    /// <summary>The bytes of an IDX file of unsigned bytes with <paramref name="dims"/>.</summary>
    public static byte[] UBytes(byte[] values, params int[] dims)
    {
        var header = new byte[4 + 4 * dims.Length];
        header[2] = 0x08;
        header[3] = (byte)dims.Length;
        for (int i = 0; i < dims.Length; i++) BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * i), dims[i]);
        return [.. header, .. values];
    }

    /// <summary>The bytes of an IDX file of big-endian float32 values.</summary>
    public static byte[] Floats(float[] values, params int[] dims)
    {
        var bytes = UBytes([], dims);
        bytes[2] = 0x0D;
        var data = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++) BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(i * 4), values[i]);
        return [.. bytes, .. data];
    }

    public static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gz = new GZipStream(buffer, CompressionLevel.Fastest)) gz.Write(data);
        return buffer.ToArray();
    }
}
