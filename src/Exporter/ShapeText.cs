using System.Globalization;

namespace OnnxKit.Exporter;

/// <summary>Formats per-example shapes the way Keras prints them, with the batch dimension as <c>None</c>.</summary>
internal static class ShapeText
{
    /// <summary><c>(None, 28, 28)</c>.</summary>
    public static string Format(IReadOnlyList<long> perExampleShape) =>
        "(" + string.Join(", ", perExampleShape.Select(d => d.ToString(CultureInfo.InvariantCulture)).Prepend("None")) + ")";

    /// <summary>Formats a list of shapes as <c>[(None, 5), (None, 2)]</c>.</summary>
    public static string FormatList(IEnumerable<IReadOnlyList<long>> shapes) => "[" + string.Join(", ", shapes.Select(Format)) + "]";

    /// <summary>Formats full dims as <c>[3, 3, 1, 16]</c>.</summary>
    public static string FormatDims(IEnumerable<long> dims) => "[" + string.Join(", ", dims.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
}
