using OnnxKit.Optimizer.Conversion;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Prints a <see cref="FileConversionReport"/>: the adapters applied as a table, notes, the verification verdict and where the model went.</summary>
internal static class ConversionRenderer
{
    public static void Render(FileConversionReport report)
    {
        var console = AnsiConsole.Console;
        if (report.Steps.Count > 0)
        {
            var table = new Table().AddColumns("node", "operator", "opsets", "change");
            foreach (var step in report.Steps)
                table.AddRow(Markup.Escape(step.Node), Markup.Escape(step.OpType), $"{step.FromOpset} → {step.ToOpset}", Markup.Escape(step.Change));
            console.WriteTable(table);
        }
        foreach (var fused in report.Fused)
            console.MarkupLine($"fused {fused.Count} spelled-out {Markup.Escape(fused.OpType)} subgraph(s) into {Markup.Escape(fused.OpType)} ({Markup.Escape(fused.Pass)})");
        foreach (string note in report.Notes) Terminal.Note(note);
        if (report.Verification is { } verification) console.MarkupLine($"verified: {Markup.Escape(verification.Summary)}");
        console.MarkupLine($"[green]converted[/] opset {report.SourceOpset} → {report.TargetOpset}, IR version {report.SourceIrVersion} → {report.IrVersion}: "
            + $"{report.Steps.Count} node change(s); wrote {Markup.Escape(report.Output)}");
    }
}
