using System.Buffers.Binary;

namespace OnnxKit.Reference.Kernels.Image;

/// <summary>
/// Baseline TIFF, uncompressed: the first image of the file, 8 bits per sample, RGB (photometric 2, with
/// any extra samples such as alpha dropped) or gray (photometric 0 or 1), chunky layout, in strips; either
/// byte order.
/// </summary>
internal static class TiffDecoder
{
    /// <summary>Whether <paramref name="data"/> starts like a TIFF file.</summary>
    public static bool Matches(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && ((data[0] == 'I' && data[1] == 'I' && data[2] == 42 && data[3] == 0) || (data[0] == 'M' && data[1] == 'M' && data[2] == 0 && data[3] == 42));

    /// <summary>Decodes to gray or RGB.</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        bool little = data[0] == 'I';
        if (data.Length < 8) throw DecodedImage.Corrupt("TIFF", "the header is truncated");
        int directory = (int)Read32(data, 4, little);
        if (directory < 8 || directory + 2 > data.Length) throw DecodedImage.Corrupt("TIFF", "the first directory lies outside the file");
        int entries = Read16(data, directory, little);
        var tags = new Dictionary<int, long[]>();
        for (int i = 0; i < entries; i++)
        {
            int at = directory + 2 + 12 * i;
            if (at + 12 > data.Length) throw DecodedImage.Corrupt("TIFF", "the directory is truncated");
            tags[Read16(data, at, little)] = Values(data, at, little);
        }
        long Tag(int tag, long fallback) => tags.TryGetValue(tag, out var v) && v.Length > 0 ? v[0] : fallback;
        int width = (int)Tag(256, 0), height = (int)Tag(257, 0), samplesPerPixel = (int)Tag(277, 1);
        long compression = Tag(259, 1), photometric = Tag(262, -1), planar = Tag(284, 1);
        int rowsPerStrip = (int)Math.Min(Tag(278, height), height);
        if (compression != 1) throw DecodedImage.Unsupported("TIFF", $"compression {compression}");
        if (planar != 1) throw DecodedImage.Unsupported("TIFF", "planar (not chunky) samples");
        if (tags.TryGetValue(258, out var bits) && bits.Any(b => b != 8)) throw DecodedImage.Unsupported("TIFF", $"{string.Join("/", bits)} bits per sample");
        int channels = photometric switch
        {
            2 when samplesPerPixel >= 3 => 3,
            0 or 1 => 1,
            _ => throw DecodedImage.Unsupported("TIFF", $"photometric interpretation {photometric} with {samplesPerPixel} samples per pixel"),
        };
        if (width <= 0 || height <= 0 || rowsPerStrip <= 0) throw DecodedImage.Corrupt("TIFF", $"its size is {width}×{height}");
        var offsets = tags.GetValueOrDefault(273) ?? throw DecodedImage.Corrupt("TIFF", "there are no strip offsets");
        var samples = new byte[width * height * channels];
        int rowBytes = width * samplesPerPixel;
        for (int y = 0; y < height; y++)
        {
            int strip = y / rowsPerStrip;
            if (strip >= offsets.Length) throw DecodedImage.Corrupt("TIFF", $"row {y} has no strip");
            long start = offsets[strip] + (long)(y % rowsPerStrip) * rowBytes;
            if (start < 0 || start + rowBytes > data.Length) throw DecodedImage.Corrupt("TIFF", $"row {y} lies outside the file");
            var row = data.Slice((int)start, rowBytes);
            for (int x = 0; x < width; x++)
            {
                for (int c = 0; c < channels; c++)
                {
                    byte value = row[x * samplesPerPixel + c];
                    samples[(y * width + x) * channels + c] = photometric == 0 ? (byte)(255 - value) : value;
                }
            }
        }
        return new DecodedImage(height, width, channels, samples);
    }

    /// <summary>The values of one directory entry (BYTE, SHORT or LONG), stored inline or at an offset.</summary>
    private static long[] Values(ReadOnlySpan<byte> data, int entry, bool little)
    {
        int type = Read16(data, entry + 2, little);
        long count = Read32(data, entry + 4, little);
        int size = type switch { 1 => 1, 3 => 2, 4 => 4, _ => 0 };
        if (size == 0 || count is < 0 or > 1 << 20) return [];
        long at = size * count <= 4 ? entry + 8 : Read32(data, entry + 8, little);
        if (at < 0 || at + size * count > data.Length) throw DecodedImage.Corrupt("TIFF", $"a value of tag {Read16(data, entry, little)} lies outside the file");
        var values = new long[count];
        for (int i = 0; i < count; i++)
        {
            int offset = (int)(at + i * size);
            values[i] = size switch { 1 => data[offset], 2 => Read16(data, offset, little), _ => Read32(data, offset, little) };
        }
        return values;
    }

    private static int Read16(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt16BigEndian(data[at..]);

    private static long Read32(ReadOnlySpan<byte> data, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(data[at..]) : BinaryPrimitives.ReadUInt32BigEndian(data[at..]);
}
