using System.Buffers.Binary;
using System.IO.Compression;

namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>
/// Decodes the PNGs Chromium writes (8-bit RGB or RGBA, not interlaced) into RGBA pixels, so a test
/// can check a screenshot shows something. Written here (about 80 lines over System.IO.Compression)
/// rather than adding an imaging package for one check.
/// </summary>
internal sealed class PngImage
{
    private PngImage(int width, int height, byte[] rgba)
    {
        Width = width;
        Height = height;
        Rgba = rgba;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Four bytes per pixel, row by row.</summary>
    public byte[] Rgba { get; }

    /// <summary>The pixel at (x, y) as 0xRRGGBB.</summary>
    public int Rgb(int x, int y)
    {
        int i = (y * Width + x) * 4;
        return Rgba[i] << 16 | Rgba[i + 1] << 8 | Rgba[i + 2];
    }

    public static PngImage Decode(byte[] png)
    {
        ReadOnlySpan<byte> signature = [137, 80, 78, 71, 13, 10, 26, 10];
        if (!png.AsSpan(0, 8).SequenceEqual(signature)) throw new InvalidDataException("Not a PNG file.");
        int width = 0, height = 0, channels = 0;
        using var compressed = new MemoryStream();
        for (int offset = 8; offset < png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            string type = System.Text.Encoding.ASCII.GetString(png, offset + 4, 4);
            var body = png.AsSpan(offset + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(body);
                height = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                channels = body[9] switch
                {
                    2 => 3,
                    6 => 4,
                    _ => throw new InvalidDataException($"PNG colour type {body[9]} is not supported here."),
                };
                if (body[8] != 8 || body[12] != 0) throw new InvalidDataException("Only 8-bit, non-interlaced PNGs are supported here.");
            }
            else if (type == "IDAT")
            {
                compressed.Write(body);
            }

            offset += 12 + length;
        }

        compressed.Position = 0;
        using var inflater = new ZLibStream(compressed, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        inflater.CopyTo(raw);
        return new PngImage(width, height, Unfilter(raw.ToArray(), width, height, channels));
    }

    /// <summary>Undoes PNG's per-row filters (None, Sub, Up, Average, Paeth) and widens to RGBA.</summary>
    private static byte[] Unfilter(byte[] data, int width, int height, int channels)
    {
        int stride = width * channels;
        var previous = new byte[stride];
        var current = new byte[stride];
        var rgba = new byte[width * height * 4];
        for (int y = 0; y < height; y++)
        {
            int filter = data[y * (stride + 1)];
            Array.Copy(data, y * (stride + 1) + 1, current, 0, stride);
            for (int i = 0; i < stride; i++)
            {
                int left = i >= channels ? current[i - channels] : 0;
                int up = previous[i];
                int upLeft = i >= channels ? previous[i - channels] : 0;
                current[i] += (byte)(filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw new InvalidDataException($"Unknown PNG filter {filter}."),
                });
            }

            for (int x = 0; x < width; x++)
            {
                int o = (y * width + x) * 4;
                rgba[o] = current[x * channels];
                rgba[o + 1] = current[x * channels + 1];
                rgba[o + 2] = current[x * channels + 2];
                rgba[o + 3] = channels == 4 ? current[x * channels + 3] : (byte)255;
            }

            (previous, current) = (current, previous);
        }

        return rgba;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
