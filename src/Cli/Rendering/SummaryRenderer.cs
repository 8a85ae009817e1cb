using System.Globalization;
using OnnxKit.Inspection;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Renders a node-by-node <see cref="ModelSummary"/> of an ONNX file as a terminal table.</summary>
internal static class SummaryRenderer
{
    public static void Render(ModelSummary summary)
    {
        var table = new Table().Title($"Model: \"{Markup.Escape(summary.ModelName)}\"").SimpleBorder()
            .AddColumn("Layer (type)").AddColumn("Output Shape").AddColumn(new TableColumn("Param #").RightAligned());
        foreach (var row in summary.Rows)
            table.AddRow(Markup.Escape($"{row.Name} ({row.Type})"), Markup.Escape(row.OutputShape), Count(row.Parameters));

        AnsiConsole.Console.WriteTable(table);
        string bytes = summary.ParameterBytes is long b ? $" ({ByteSize.Format(b)}{summary.StorageNote})" : "";
        AnsiConsole.MarkupLine($"[bold]Total params:[/] {Count(summary.TotalParameters)}{bytes}");
        AnsiConsole.MarkupLine($"Trainable params: {Count(summary.TrainableParameters)}");
        AnsiConsole.MarkupLine($"Non-trainable params: {Count(summary.NonTrainableParameters)}");
        if (summary.UnusedParameters > 0) AnsiConsole.MarkupLine($"Unused params (read by no node): {Count(summary.UnusedParameters)}");
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
