using System.Globalization;

namespace OnnxKit.Security;

/// <summary>Byte counts as people read and write them: <c>2 GiB</c>, <c>512MiB</c>, <c>1.5G</c>.</summary>
public static class ByteSize
{
    /// <summary>Formats <paramref name="bytes"/> with a binary unit (<c>1.5 GiB</c>), or as bytes below 1 KiB.</summary>
    public static string Format(long bytes)
    {
        string[] units = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        if (bytes < 1024) return bytes.ToString(CultureInfo.InvariantCulture) + " bytes";
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        return value.ToString(value < 10 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    /// <summary>
    /// Parses a byte count: a whole number with an optional unit, K/M/G/T (powers of 1024, with or
    /// without <c>iB</c>/<c>B</c>). Returns false for anything else, negative values and overflow.
    /// </summary>
    public static bool TryParse(string text, out long bytes)
    {
        bytes = 0;
        string s = text.Trim();
        int end = s.Length;
        while (end > 0 && char.IsAsciiLetter(s[end - 1])) end--;
        string unit = s[end..].ToUpperInvariant();
        int shift = unit switch
        {
            "" or "B" => 0,
            "K" or "KB" or "KIB" => 10,
            "M" or "MB" or "MIB" => 20,
            "G" or "GB" or "GIB" => 30,
            "T" or "TB" or "TIB" => 40,
            _ => -1,
        };
        if (shift < 0 || !double.TryParse(s[..end].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)) return false;
        double value = number * Math.Pow(2, shift);
        if (double.IsNaN(value) || value < 0 || value >= long.MaxValue) return false;
        bytes = (long)value;
        return true;
    }
}
