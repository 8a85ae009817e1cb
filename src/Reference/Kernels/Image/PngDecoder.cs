using System.Buffers.Binary;
using System.IO.Compression;

namespace OnnxKit.Reference.Kernels.Image;

/// <summary>
/// PNG images without interlacing: gray, RGB, palette, gray+alpha and RGBA, 8 or 16 bits per sample
/// (16-bit samples keep their high byte), gray and palette also 1, 2 and 4 bits. Alpha is dropped. The
/// zlib stream is inflated by .NET's <see cref="ZLibStream"/>; the five row filters are undone here.
/// </summary>
internal static class PngDecoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether <paramref name="data"/> starts with PNG's signature.</summary>
    public static bool Matches(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>Decodes to gray (gray types) or RGB (the others).</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        int width = 0, height = 0, depth = 0, colorType = -1;
        byte[] palette = [];
        using var compressed = new MemoryStream();
        for (int at = Signature.Length; at + 12 <= data.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(data[at..]);
            if (length < 0 || at + 12L + length > data.Length) throw DecodedImage.Corrupt("PNG", $"a chunk at byte {at} runs past the end");
            var type = data.Slice(at + 4, 4);
            var body = data.Slice(at + 8, length);
            if (type.SequenceEqual("IHDR"u8))
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                (depth, colorType) = (body[8], body[9]);
                if (body[12] != 0) throw DecodedImage.Unsupported("PNG", "Adam7 interlacing");
            }
            else if (type.SequenceEqual("PLTE"u8)) palette = body.ToArray();
            else if (type.SequenceEqual("IDAT"u8)) compressed.Write(body);
            else if (type.SequenceEqual("IEND"u8)) break;
            at += 12 + length;
        }
        int samplesPerPixel = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, 6 => 4, _ => throw DecodedImage.Corrupt("PNG", $"color type {colorType}") };
        if (width <= 0 || height <= 0) throw DecodedImage.Corrupt("PNG", $"its size is {width}×{height}");
        if (depth is not (1 or 2 or 4 or 8 or 16) || (depth < 8 && colorType is not (0 or 3))) throw DecodedImage.Unsupported("PNG", $"{depth}-bit samples with color type {colorType}");
        int bitsPerPixel = samplesPerPixel * depth, stride = (width * bitsPerPixel + 7) / 8, step = Math.Max(1, bitsPerPixel / 8);
        var raw = Inflate(compressed, (stride + 1) * height);
        var rows = Unfilter(raw, height, stride, step);

        int channels = colorType is 0 or 4 ? 1 : 3;
        var samples = new byte[width * height * channels];
        for (int y = 0; y < height; y++)
        {
            var row = rows.AsSpan(y * stride, stride);
            for (int x = 0; x < width; x++)
            {
                int target = (y * width + x) * channels;
                if (colorType == 3)
                {
                    int index = Sample(row, x, depth);
                    if ((index + 1) * 3 > palette.Length) throw DecodedImage.Corrupt("PNG", $"palette index {index} is past the palette");
                    palette.AsSpan(index * 3, 3).CopyTo(samples.AsSpan(target));
                }
                else if (depth < 8) samples[target] = (byte)(Sample(row, x, depth) * 255 / ((1 << depth) - 1));
                else
                {
                    for (int c = 0; c < channels; c++) samples[target + c] = row[(x * samplesPerPixel + c) * (depth / 8)];
                }
            }
        }
        return new DecodedImage(height, width, channels, samples);
    }

    /// <summary>Sample <paramref name="x"/> of a row packed at <paramref name="depth"/> bits (below 8), most significant bits first.</summary>
    private static int Sample(ReadOnlySpan<byte> row, int x, int depth)
    {
        if (depth == 8) return row[x];
        int bit = x * depth;
        return row[bit / 8] >> (8 - depth - bit % 8) & ((1 << depth) - 1);
    }

    private static byte[] Inflate(MemoryStream compressed, int expected)
    {
        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        var raw = new byte[expected];
        int read = 0;
        try
        {
            while (read < expected && inflater.Read(raw, read, expected - read) is int n and > 0) read += n;
        }
        catch (InvalidDataException error)
        {
            throw DecodedImage.Corrupt("PNG", $"the compressed data is invalid ({error.Message})");
        }
        return read == expected ? raw : throw DecodedImage.Corrupt("PNG", $"{read} bytes of pixel data, {expected} expected");
    }

    /// <summary>Undoes the per-row filters (none, sub, up, average, Paeth); returns the rows without their filter bytes.</summary>
    private static byte[] Unfilter(byte[] raw, int height, int stride, int step)
    {
        var rows = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (stride + 1)];
            var source = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = rows.AsSpan(y * stride, stride);
            var previous = y > 0 ? rows.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (int i = 0; i < stride; i++)
            {
                int left = i >= step ? row[i - step] : 0, up = previous[i], upLeft = i >= step ? previous[i - step] : 0;
                int predicted = filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw DecodedImage.Corrupt("PNG", $"row {y} has filter type {filter}"),
                };
                row[i] = (byte)(source[i] + predicted);
            }
        }
        return rows;
    }

    private static int Paeth(int left, int up, int upLeft)
    {
        int estimate = left + up - upLeft;
        int toLeft = Math.Abs(estimate - left), toUp = Math.Abs(estimate - up), toUpLeft = Math.Abs(estimate - upLeft);
        return toLeft <= toUp && toLeft <= toUpLeft ? left : toUp <= toUpLeft ? up : upLeft;
    }
}
