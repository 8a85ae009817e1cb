using System.Globalization;
using System.Text;

namespace OnnxKit.Viewer.Text;

/// <summary>
/// A Keras-style summary of an ONNX model: one row per graph input and per node of the main graph
/// (subgraph weights are counted on the node holding the subgraph), then the totals.
/// </summary>
/// <param name="GraphName">The main graph's name.</param>
/// <param name="Rows">The rows, inputs first, then nodes in graph order.</param>
/// <param name="TotalParameters">Elements of every weight of every graph: initializers and Constant-node tensors.</param>
/// <param name="ParameterBytes">Bytes those weights occupy.</param>
/// <param name="UnusedParameters">Elements of weights no node reads (included in the total).</param>
/// <param name="ConstantNodeParameters">Elements of the weights stored in Constant nodes (included in the total).</param>
public sealed record ModelSummary(string GraphName, IReadOnlyList<SummaryRow> Rows, long TotalParameters, long ParameterBytes, long UnusedParameters,
    long ConstantNodeParameters)
{
    /// <summary>The summary as a Markdown table followed by the totals.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"**Model: \"{GraphName}\"**\n\n");
        text.Append("| Layer (type) | Output Shape | Param # |\n| --- | --- | ---: |\n");
        foreach (var row in Rows)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {Escape(row.Name)} ({Escape(row.Type)}) | {Escape(string.Join(", ", row.OutputShapes))} | {row.Parameters:N0} |\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"\nTotal params: {TotalParameters:N0} ({FormatBytes(ParameterBytes)}{StorageNote})");
        if (UnusedParameters > 0) text.Append(CultureInfo.InvariantCulture, $"  \nUnused params (read by no node): {UnusedParameters:N0}");
        return text.Append('\n').ToString();
    }

    /// <summary>How the weights are stored when some are Constant nodes ("; all in Constant nodes"), else empty.</summary>
    public string StorageNote => ConstantNodeParameters == 0 ? ""
        : ConstantNodeParameters == TotalParameters ? "; all in Constant nodes"
        : string.Create(CultureInfo.InvariantCulture, $"; {ConstantNodeParameters:N0} in Constant nodes");

    /// <summary>A byte count in binary units.</summary>
    public static string FormatBytes(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? $"{bytes} B" : value.ToString("0.00", CultureInfo.InvariantCulture) + " " + units[unit];
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
