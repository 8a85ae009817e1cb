using OnnxKit.Training.Jobs;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Prints the reports of <c>train</c> and <c>distill</c>.</summary>
internal static class TrainingRenderer
{
    public static void RenderTrain(TrainReport report)
    {
        var last = report.Epochs[^1];
        AnsiConsole.MarkupLine($"Trained [bold]{Markup.Escape(report.Model)}[/] ({report.Parameters:N0} parameters, {Markup.Escape(report.Optimizer)}, {Markup.Escape(report.Loss)}) on {report.TrainExamples:N0} examples for {report.Epochs.Count} epoch{(report.Epochs.Count == 1 ? "" : "s")} in {report.Seconds:F1} s.");
        if (report.StopReason is { } reason) AnsiConsole.MarkupLine($"Stopped early: {Markup.Escape(reason)}.");
        AnsiConsole.MarkupLine("Last epoch: " + Markup.Escape(string.Join(", ", last.Where(p => p.Key != "lr").Select(p => $"{p.Key} {p.Value:F4}"))));
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(report.Output)}");
        if (report.WeightsOutput is { } weights) AnsiConsole.MarkupLine($"Wrote {Markup.Escape(weights)}");
    }
}
