using System.Globalization;
using OnnxKit.Viewer.Text;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Renders a <see cref="ModelSummary"/> as a Keras-style terminal table.</summary>
internal static class SummaryRenderer
{
    public static void Render(ModelSummary summary)
    {
        var table = new Table().Title($"Model: \"{Markup.Escape(summary.GraphName)}\"").SimpleBorder()
            .AddColumn("Layer (type)").AddColumn("Output Shape").AddColumn(new TableColumn("Param #").RightAligned());
        foreach (var row in summary.Rows)
        {
            table.AddRow(Markup.Escape($"{row.Name} ({row.Type})"), Markup.Escape(string.Join(", ", row.OutputShapes)),
                row.Parameters.ToString("N0", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        AnsiConsole.MarkupLine($"[bold]Total params:[/] {summary.TotalParameters.ToString("N0", CultureInfo.InvariantCulture)} ({ModelSummary.FormatBytes(summary.ParameterBytes)}{summary.StorageNote})");
        if (summary.UnusedParameters > 0)
            AnsiConsole.MarkupLine($"Unused params (read by no node): {summary.UnusedParameters.ToString("N0", CultureInfo.InvariantCulture)}");
    }
}
