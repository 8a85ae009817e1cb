using OnnxKit.Optimizer.Distillation;
using OnnxKit.Training.Distillation;
using OnnxKit.Training.Jobs;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Prints the reports of <c>train</c>, <c>distill</c>, <c>distill-prep</c> and <c>soft-targets</c>.</summary>
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

    public static void RenderDistill(DistillReport report)
    {
        var table = new Table().AddColumn("model").AddColumn(new TableColumn("parameters").RightAligned()).AddColumn(new TableColumn($"accuracy on {Markup.Escape(report.Test)}").RightAligned());
        table.AddRow(Markup.Escape("teacher: " + string.Join(" + ", report.Teachers)), $"{report.TeacherParameters:N0}", $"{report.TeacherAccuracy:P2}");
        table.AddRow(Markup.Escape($"student {report.Student} (distilled, T={report.Temperature}, alpha={report.Alpha})"), $"{report.StudentParameters:N0}", $"{report.StudentAccuracy:P2}");
        if (report.BaselineAccuracy is { } baseline)
            table.AddRow(Markup.Escape($"student {report.Student} (labels only)"), $"{report.StudentParameters:N0}", $"{baseline:P2}");
        AnsiConsole.Console.WriteTable(table);
        AnsiConsole.MarkupLine($"Student/teacher parameters: {(double)report.StudentParameters / report.TeacherParameters:P1}; scored on {report.TestExamples:N0} examples in {report.Seconds:F1} s total.");
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(report.Output)}");
        if (report.WeightsOutput is { } weights) AnsiConsole.MarkupLine($"Wrote {Markup.Escape(weights)}");
    }

    public static void RenderDistillPrep(DistillPrepReport report)
    {
        string what = report.Teachers.Count == 1 ? Path.GetFileName(report.Teachers[0])
            : $"an ensemble of {report.Teachers.Count} teachers ({report.Combine}, weights {string.Join(", ", report.Weights!.Select(w => w.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture)))})";
        AnsiConsole.MarkupLine($"Prepared {Markup.Escape(what)}: {report.Classes} classes, soft targets at T = {report.Temperature}; opset {report.Opset}, IR version {report.IrVersion}.");
        AnsiConsole.MarkupLine($"Outputs: {Markup.Escape(string.Join(", ", report.Outputs))}");
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(report.Output)}");
    }

    public static void RenderSoftTargets(SoftTargetsReport report)
    {
        string temperature = report.Temperature is { } t ? $"T = {t}" : "the temperature distill-prep gave the teacher";
        AnsiConsole.MarkupLine($"Ran {Markup.Escape(Path.GetFileName(report.Teacher))} over {report.Records:N0} records of {Markup.Escape(report.Data)} ({report.Classes} classes, {Markup.Escape(temperature)}) in {report.Seconds:F1} s.");
        AnsiConsole.MarkupLine($"Wrote {Markup.Escape(report.Output)} ({Markup.Escape(string.Join(", ", report.Arrays))})");
    }
}
