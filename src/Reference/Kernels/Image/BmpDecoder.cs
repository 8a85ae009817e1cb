using System.Buffers.Binary;

namespace OnnxKit.Reference.Kernels.Image;

/// <summary>
/// Windows bitmaps: an info header of 40 bytes or more, uncompressed (BI_RGB), 24 or 32 bits per pixel
/// (stored BGR) or 8 with a palette; rows bottom-up (positive height) or top-down, padded to 4 bytes.
/// </summary>
internal static class BmpDecoder
{
    /// <summary>Whether <paramref name="data"/> starts like a bitmap.</summary>
    public static bool Matches(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 'B' && data[1] == 'M';

    /// <summary>Decodes to RGB.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        if (data.Length < 54) throw DecodedImage.Corrupt("BMP", "the headers are truncated");
        int pixelsAt = BinaryPrimitives.ReadInt32LittleEndian(data[10..]);
        int headerSize = BinaryPrimitives.ReadInt32LittleEndian(data[14..]);
        int width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
        int signedHeight = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
        int compression = BinaryPrimitives.ReadInt32LittleEndian(data[30..]);
        if (headerSize < 40) throw DecodedImage.Unsupported("BMP", $"an info header of {headerSize} bytes");
        if (compression != 0) throw DecodedImage.Unsupported("BMP", $"compression {compression}");
        if (bits is not (8 or 24 or 32)) throw DecodedImage.Unsupported("BMP", $"{bits} bits per pixel");
        int height = Math.Abs(signedHeight);
        if (width <= 0 || height == 0) throw DecodedImage.Corrupt("BMP", $"its size is {width}×{signedHeight}");
        int stride = (width * bits + 31) / 32 * 4;
        if (pixelsAt < 0 || (long)pixelsAt + (long)stride * height > data.Length) throw DecodedImage.Corrupt("BMP", "the pixel data is truncated");
        var palette = bits == 8 ? data[(14 + headerSize)..pixelsAt] : default;
        var rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++)
        {
            var row = data.Slice(pixelsAt + (signedHeight > 0 ? height - 1 - y : y) * stride, stride);
            for (int x = 0; x < width; x++)
            {
                int target = (y * width + x) * 3;
                ReadOnlySpan<byte> bgr = bits == 8 ? Entry(palette, row[x]) : row.Slice(x * (bits / 8), 3);
                rgb[target] = bgr[2];
                rgb[target + 1] = bgr[1];
                rgb[target + 2] = bgr[0];
            }
        }
        return new DecodedImage(height, width, 3, rgb);
    }

    private static ReadOnlySpan<byte> Entry(ReadOnlySpan<byte> palette, byte index) =>
        (index + 1) * 4 <= palette.Length ? palette.Slice(index * 4, 3) : throw DecodedImage.Corrupt("BMP", $"palette index {index} is past the palette");
}
