using System.Globalization;
using System.Text;

namespace OnnxKit.Inspection;

/// <summary>
/// A model summary in Keras's terms: rows of layers (or nodes) with output shapes, parameter counts
/// and connections, then the total, trainable and non-trainable parameter counts. It is the one
/// summary type: DSL models (<c>Network.SummaryReport()</c>) and ONNX files
/// (<see cref="ModelSummarizer"/>) both produce it. <see cref="Render"/> prints Keras 2's
/// <c>model.summary()</c> table, <see cref="ToMarkdown"/> the same as Markdown.
/// </summary>
/// <param name="ModelName">The model's (or main graph's) name.</param>
/// <param name="Rows">Inputs first, then layers or nodes in order.</param>
/// <param name="TotalParameters">Every distinct scalar parameter.</param>
/// <param name="TrainableParameters">Those that are trained.</param>
/// <param name="SequentialLike">True for a chain of single-input rows: the table has no "Connected to" column.</param>
public sealed record ModelSummary(string ModelName, IReadOnlyList<SummaryRow> Rows, long TotalParameters, long TrainableParameters, bool SequentialLike)
{
    /// <summary>The parameters that are not trained (batch-normalization statistics, frozen layers).</summary>
    public long NonTrainableParameters => TotalParameters - TrainableParameters;

    /// <summary>Bytes the parameters occupy, where the element types are known (ONNX files); null for DSL models.</summary>
    public long? ParameterBytes { get; init; }

    /// <summary>Parameters of weights no node reads (included in <see cref="TotalParameters"/>; ONNX files only).</summary>
    public long UnusedParameters { get; init; }

    /// <summary>Parameters stored in Constant nodes rather than initializers (included in <see cref="TotalParameters"/>; ONNX files only).</summary>
    public long ConstantNodeParameters { get; init; }

    /// <summary>How the weights are stored when some are in Constant nodes ("; all in Constant nodes"), else empty.</summary>
    public string StorageNote => ConstantNodeParameters == 0 ? ""
        : ConstantNodeParameters == TotalParameters ? "; all in Constant nodes"
        : $"; {Thousands(ConstantNodeParameters)} in Constant nodes";

    /// <summary>
    /// Keras 2's table: three columns on 65 characters for sequential-like models, four (with
    /// "Connected to", one inbound tensor per line) on 98 otherwise; rows separated by
    /// underscores; totals with thousands separators.
    /// </summary>
    public string Render()
    {
        int lineLength = SequentialLike ? 65 : 98;
        int[] positions = SequentialLike
            ? [(int)(65 * .45), (int)(65 * .85), 65]
            : [(int)(98 * .33), (int)(98 * .55), (int)(98 * .67), 98];
        var lines = new List<string>
        {
            $"Model: \"{ModelName}\"",
            new('_', lineLength),
            Row(SequentialLike ? ["Layer (type)", "Output Shape", "Param #"] : ["Layer (type)", "Output Shape", "Param #", "Connected to"], positions),
            new('=', lineLength),
        };
        for (int i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            string name = $"{row.Name} ({row.Type})";
            string parameters = row.Parameters.ToString(CultureInfo.InvariantCulture);
            if (SequentialLike)
            {
                lines.Add(Row([name, row.OutputShape, parameters], positions));
            }
            else
            {
                lines.Add(Row([name, row.OutputShape, parameters, row.ConnectedTo.FirstOrDefault() ?? ""], positions));
                foreach (var more in row.ConnectedTo.Skip(1)) lines.Add(Row(["", "", "", more], positions));
            }
            lines.Add(new string(i == Rows.Count - 1 ? '=' : '_', lineLength));
        }
        if (Rows.Count == 0) lines.Add(new string('=', lineLength));
        lines.Add($"Total params: {Thousands(TotalParameters)}");
        lines.Add($"Trainable params: {Thousands(TrainableParameters)}");
        lines.Add($"Non-trainable params: {Thousands(NonTrainableParameters)}");
        lines.Add(new string('_', lineLength));
        var text = new StringBuilder();
        foreach (var line in lines) text.Append(line).Append('\n');
        return text.ToString();
    }

    /// <summary>
    /// The same table as Markdown (connections only for branching models), then the totals, with
    /// the parameters' bytes and the unused parameters where known.
    /// </summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder($"**Model: \"{ModelName}\"**\n\n");
        text.Append(SequentialLike ? "| Layer (type) | Output Shape | Param # |\n| --- | --- | ---: |\n" : "| Layer (type) | Output Shape | Param # | Connected to |\n| --- | --- | ---: | --- |\n");
        foreach (var row in Rows)
        {
            text.Append($"| {Escape(row.Name)} ({Escape(row.Type)}) | {Escape(row.OutputShape)} | {Thousands(row.Parameters)} |");
            if (!SequentialLike) text.Append(' ').Append(Escape(string.Join(", ", row.ConnectedTo))).Append(" |");
            text.Append('\n');
        }
        text.Append($"\nTotal params: {Thousands(TotalParameters)}");
        if (ParameterBytes is long bytes) text.Append($" ({ByteSize.Format(bytes)}{StorageNote})");
        text.Append($"  \nTrainable params: {Thousands(TrainableParameters)}  \nNon-trainable params: {Thousands(NonTrainableParameters)}");
        if (UnusedParameters > 0) text.Append($"  \nUnused params (read by no node): {Thousands(UnusedParameters)}");
        return text.Append('\n').ToString();
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    /// <summary>Keras's classic <c>print_row</c>: each field cut at its column's end and padded to it.</summary>
    private static string Row(IReadOnlyList<string> fields, int[] positions)
    {
        string line = "";
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) line = line[..^1] + " ";
            line += fields[i];
            if (line.Length > positions[i]) line = line[..positions[i]];
            line = line.PadRight(positions[i]);
        }
        return line;
    }

    private static string Thousands(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
