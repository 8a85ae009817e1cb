using System.Globalization;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Renders the zoo list and export results.</summary>
internal static class ZooRenderer
{
    /// <summary>The zoo as a table; names and option flags are never wrapped, descriptions take what width is left.</summary>
    public static void Render(IReadOnlyList<ModelInfo> models, Func<ZooOption, string> flags)
    {
        var table = new Table().AddColumn(new TableColumn("Name").NoWrap()).AddColumn("Source input").AddColumn("Description")
            .AddColumn(new TableColumn("Options").NoWrap());
        foreach (var model in models)
            table.AddRow(Markup.Escape(model.Name), Markup.Escape(model.SourceInput), Markup.Escape(model.Description), Markup.Escape(flags(model.Options)));
        AnsiConsole.Console.WriteTable(table);
        AnsiConsole.Console.WriteLine("Models are channels-first in ONNX (N, C, H, W); --channels-last accepts Keras's (N, H, W, C).");
    }

    public static void RenderExport(ExportReport report)
    {
        string size = (report.Bytes / (1024.0 * 1024)).ToString("F1", CultureInfo.InvariantCulture);
        Console.Out.WriteLine($"Exported '{report.Model}' ({report.Parameters:N0} parameters, {report.Parameters - report.TrainableParameters:N0} non-trainable) at opset {report.Opset} (IR version {report.IrVersion}).");
        Console.Out.WriteLine($"  {report.Output}{(report.ExternalData is null ? "" : $" + {report.ExternalData}")}: {size} MiB in {report.Seconds.ToString("F1", CultureInfo.InvariantCulture)} s");
        if (report.WeightsLoaded.Count > 0)
            Console.Out.WriteLine($"  {report.WeightsLoaded.Count} weights loaded; {report.WeightsNotLoaded.Count} generated from the seed{(report.WeightsNotLoaded.Count == 0 ? "" : ": " + string.Join(", ", report.WeightsNotLoaded))}.");
    }
}
