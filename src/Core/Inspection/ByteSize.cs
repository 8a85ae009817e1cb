using System.Globalization;

namespace OnnxKit.Inspection;

/// <summary>Byte counts as people read them.</summary>
public static class ByteSize
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary><paramref name="bytes"/> in binary units with one decimal: <c>16 B</c>, <c>97.5 MiB</c>.</summary>
    public static string Format(long bytes)
    {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }
}
