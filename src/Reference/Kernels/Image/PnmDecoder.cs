using System.Text;

namespace OnnxKit.Reference.Kernels.Image;

/// <summary>
/// Netpbm images: P2/P5 (gray) and P3/P6 (RGB), ASCII or binary, with a maximum value up to 255 (samples
/// scaled to 0–255) or up to 65535 in the binary forms (two bytes per sample, most significant first).
/// </summary>
internal static class PnmDecoder
{
    /// <summary>Whether <paramref name="data"/> starts like a gray or color Netpbm image.</summary>
    public static bool Matches(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == 'P' && data[1] is (byte)'2' or (byte)'3' or (byte)'5' or (byte)'6';

    /// <summary>Decodes to gray (P2, P5) or RGB (P3, P6).</summary>
    public static DecodedImage Decode(ReadOnlySpan<byte> data)
    {
        char kind = (char)data[1];
        int position = 2;
        int width = Number(data, ref position), height = Number(data, ref position), max = Number(data, ref position);
        if (width <= 0 || height <= 0 || max is <= 0 or > 65535) throw DecodedImage.Corrupt("PNM", $"the header gives {width}×{height}, maximum {max}");
        int channels = kind is '3' or '6' ? 3 : 1;
        var samples = new byte[width * height * channels];
        bool binary = kind is '5' or '6';
        position++; // the single whitespace after the header of the binary forms
        int bytesPerSample = max > 255 ? 2 : 1;
        if (binary && position + (long)samples.Length * bytesPerSample > data.Length) throw DecodedImage.Corrupt("PNM", "the pixel data is truncated");
        for (int i = 0; i < samples.Length; i++)
        {
            int value = !binary ? Number(data, ref position)
                : bytesPerSample == 1 ? data[position + i] : data[position + 2 * i] << 8 | data[position + 2 * i + 1];
            samples[i] = (byte)((value * 255 + max / 2) / max);
        }
        return new DecodedImage(height, width, channels, samples);
    }

    /// <summary>The next decimal number, skipping whitespace and # comments.</summary>
    private static int Number(ReadOnlySpan<byte> data, ref int position)
    {
        while (position < data.Length && (char.IsWhiteSpace((char)data[position]) || data[position] == '#'))
        {
            if (data[position] == '#') while (position < data.Length && data[position] != '\n') position++;
            else position++;
        }
        int start = position;
        while (position < data.Length && char.IsAsciiDigit((char)data[position])) position++;
        return position > start && int.TryParse(Encoding.ASCII.GetString(data[start..position]), out int value)
            ? value
            : throw DecodedImage.Corrupt("PNM", $"a number was expected at byte {start}");
    }
}
