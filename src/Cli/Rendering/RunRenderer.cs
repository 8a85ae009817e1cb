using System.Globalization;
using OnnxKit.Runtime.Running;
using OnnxKit.Runtime.Tensors;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Renders a <see cref="RunReport"/> as terminal tables.</summary>
internal static class RunRenderer
{
    public static void Render(RunReport report, string path)
    {
        var console = AnsiConsole.Console;
        var header = new Grid().AddColumn().AddColumn();
        header.AddRow("[bold]Model[/]", Markup.Escape(path));
        header.AddRow("Backend", Markup.Escape(report.Backend));
        header.AddRow("Run time", report.RunMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms");
        console.Write(header);
        foreach (var note in report.Notes) Terminal.Note(note);

        var inputs = new Table().Title("Inputs").AddColumns("Name", "Type", "Shape", "Source");
        foreach (var input in report.Inputs)
            inputs.AddRow(Markup.Escape(input.Summary.Name), input.Summary.ElementType, Shape(input.Summary), Markup.Escape(input.Location ?? ""));
        console.WriteTable(inputs);

        var outputs = new Table().Title("Outputs").AddColumns("Name", "Type", "Shape")
            .AddColumn(new TableColumn("Min").RightAligned()).AddColumn(new TableColumn("Max").RightAligned())
            .AddColumn(new TableColumn("Mean").RightAligned()).AddColumn(new TableColumn("NaN").RightAligned())
            .AddColumn(new TableColumn("Inf").RightAligned()).AddColumn("File");
        foreach (var output in report.Outputs)
        {
            var s = output.Summary;
            outputs.AddRow(Markup.Escape(s.Name), s.ElementType, Shape(s), Number(s.Min), Number(s.Max), Number(s.Mean),
                Count(s.NanCount), Count(s.InfCount), Markup.Escape(output.Location ?? ""));
        }
        console.WriteTable(outputs);

        foreach (var output in report.Outputs.Where(o => o.Summary.TopK is { Count: > 0 }))
        {
            string entries = string.Join(", ", output.Summary.TopK!.Select(e => $"#{e.Index} {Number(e.Value)}"));
            console.MarkupLine($"Top {output.Summary.TopK!.Count} of [bold]{Markup.Escape(output.Summary.Name)}[/]: {Markup.Escape(entries)}");
        }
    }

    private static string Shape(TensorSummary summary) => "[[" + string.Join(", ", summary.Dims) + "]]";

    private static string Number(double? value) => value is double v ? v.ToString("G6", CultureInfo.InvariantCulture) : "-";

    private static string Count(long count) => count == 0 ? "0" : $"[red]{count}[/]";
}
