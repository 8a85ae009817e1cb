using System.Globalization;

namespace OnnxKit.Data.Preprocessing;

/// <summary>An image size in pixels.</summary>
public readonly record struct ImageSize(int Height, int Width)
{
    /// <summary>Parses <c>HxW</c> (<c>28x28</c>) or a single number for a square.</summary>
    /// <exception cref="FormatException">The text is not a positive size.</exception>
    public static ImageSize Parse(string text)
    {
        var parts = text.Split('x', 'X', '×');
        if (parts.Length is 1 or 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int height)
            && int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out int width)
            && height > 0 && width > 0)
            return new ImageSize(height, width);
        throw new FormatException($"'{text}' is not an image size; write HxW, e.g. 28x28.");
    }

    /// <summary>Formats as <c>HxW</c>.</summary>
    public override string ToString() => $"{Height}x{Width}";
}
