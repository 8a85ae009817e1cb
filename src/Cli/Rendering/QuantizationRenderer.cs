using OnnxKit.Inspection;
using System.Globalization;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Optimizer.Quantization.Reporting;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Progress and tables for <c>onnxkit quantize</c> and <c>optimize --int8</c>.</summary>
internal static class QuantizationRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>
    /// Runs <paramref name="quantize"/> under a progress bar per stage (calibration, verification, budget) on
    /// standard error when it is a terminal; none when <paramref name="quiet"/>.
    /// </summary>
    public static T WithProgress<T>(Func<IProgress<QuantizationProgress>?, T> quantize, bool quiet)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (quiet || Console.IsErrorRedirected || !console.Profile.Capabilities.Interactive) return quantize(null);
        T result = default!;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var tasks = new Dictionary<string, ProgressTask>(StringComparer.Ordinal);
                result = quantize(new SyncProgress(p =>
                {
                    if (!tasks.TryGetValue(p.Stage, out var task)) tasks[p.Stage] = task = context.AddTask(p.Stage, maxValue: p.Total ?? 1);
                    if (p.Total is null) task.IsIndeterminate = true;
                    task.Value = p.Total is null ? 0 : Math.Min(p.Samples, p.Total.Value);
                    task.Description = $"{p.Stage}: {p.Samples.ToString("N0", Invariant)} sample(s)";
                }));
            });
        return result;
    }

    public static void Render(FileQuantizationReport result)
    {
        var console = AnsiConsole.Console;
        var report = result.Quantization;
        var (before, after) = (report.Before, report.After);
        var sizes = new Table().Title("Before and after").AddColumn("Operator")
            .AddColumn(new TableColumn("Float").RightAligned()).AddColumn(new TableColumn("Quantized").RightAligned()).AddColumn(new TableColumn("Quantized nodes").RightAligned());
        foreach (var op in before.Ops.Keys.Union(after.Ops.Keys).OrderByDescending(o => after.Ops.GetValueOrDefault(o)).ThenBy(o => o, StringComparer.Ordinal))
            sizes.AddRow(Markup.Escape(op), Count(before.Ops.GetValueOrDefault(op)), Count(after.Ops.GetValueOrDefault(op)), report.QuantizedNodes.TryGetValue(op, out int q) ? Count(q) : "");
        sizes.AddEmptyRow();
        sizes.AddRow("[bold]Nodes[/]", Count(before.Nodes), Count(after.Nodes), Count(report.QuantizedNodes.Values.Sum()));
        sizes.AddRow("[bold]Weight bytes[/]", ByteSize.Format(before.ParameterBytes), ByteSize.Format(after.ParameterBytes), Ratio(after.ParameterBytes, before.ParameterBytes));
        if (result.Written)
            sizes.AddRow("[bold]File size[/]", ByteSize.Format(result.InputFileBytes), ByteSize.Format(result.OutputFileBytes), Ratio(result.OutputFileBytes, result.InputFileBytes));
        console.WriteTable(sizes);

        if (result.Optimization is { } passes)
            console.MarkupLine(Markup.Escape($"Optimized first: {passes.Before.Nodes} → {passes.After.Nodes} nodes in {passes.Iterations} iteration(s); {passes.Verification?.Summary ?? "not verified"}."));
        foreach (var note in result.Notes) console.MarkupLine($"[grey]note[/]: {Markup.Escape(note)}");
        var o = report.Options;
        console.MarkupLine(Markup.Escape($"{o.Mode} quantization ({QuantizeSummary(report)})" + (report.Calibration is { } c ? $", calibrated on {c}: {report.CalibrationSamples} sample(s), {o.Calibration}" : "")));
        if (report.Folded.Count > 0) console.MarkupLine($"Folded {report.Folded.Count} activation(s) into the ranges before them ({Markup.Escape(string.Join(", ", report.Folded.GroupBy(f => f.OpType).Select(g => $"{g.Count()} {g.Key}")))}).");
        foreach (var kept in report.Kept.Take(12)) console.MarkupLine($"  kept float: {Markup.Escape(kept.Node)} ({Markup.Escape(kept.OpType)}): {Markup.Escape(kept.Reason)}");
        if (report.Kept.Count > 12) console.MarkupLine($"  ... and {report.Kept.Count - 12} more (see --report).");

        if (report.Verification is { } v)
        {
            var table = new Table().Title($"Quantized vs float on {v.Samples} sample(s) of {Markup.Escape(v.Source)}").AddColumn("Output")
                .AddColumn(new TableColumn("Cosine").RightAligned()).AddColumn(new TableColumn("Relative error").RightAligned())
                .AddColumn(new TableColumn("Max |error|").RightAligned()).AddColumn(new TableColumn("SQNR (dB)").RightAligned()).AddColumn(new TableColumn("Top-1 agreement").RightAligned());
            foreach (var output in v.Outputs)
                table.AddRow(Markup.Escape(output.Name), output.Cosine.ToString("0.#####", Invariant), output.RelativeError.ToString("0.####", Invariant),
                    output.MaxAbsoluteError.ToString("G4", Invariant), Decibels(output.Sqnr), output.Top1Agreement is { } a ? (100 * a).ToString("0.##", Invariant) + "%" : "");
            console.WriteTable(table);
            if (v.FloatAccuracy is { } f)
                console.MarkupLine(FormattableString.Invariant($"Top-1 accuracy: float {f:0.##}%, quantized {v.QuantizedAccuracy:0.##}% ({-v.AccuracyDrop:+0.##;-0.##;0} points)."));
        }
        if (report.Budget.Count > 0)
        {
            var steps = new Table().Title($"Accuracy budget ({Markup.Escape((report.Options.Budget ?? new()).ToString())}): layers put back to float")
                .AddColumn("Layer").AddColumn("Operator").AddColumn(new TableColumn("SQNR (dB)").RightAligned())
                .AddColumn(new TableColumn("Worst cosine after").RightAligned()).AddColumn(new TableColumn("Top-1 drop after").RightAligned()).AddColumn("Budget met");
            foreach (var s in report.Budget)
                steps.AddRow(Markup.Escape(s.Node), Markup.Escape(s.OpType), Decibels(s.Sqnr), s.WorstCosine.ToString("0.#####", Invariant),
                    s.AccuracyDrop is { } d ? d.ToString("0.##", Invariant) : "", s.Met ? "[green]yes[/]" : "no");
            console.WriteTable(steps);
            if (report.BudgetStart is { } start)
                console.MarkupLine(Markup.Escape(FormattableString.Invariant($"Before the search: worst cosine {start.Outputs.Min(o => o.Cosine):0.#####}") + (start.AccuracyDrop is { } d ? FormattableString.Invariant($", top-1 drop {d:0.##} points") : "") + "."));
        }
        var worst = report.Ranked().Take(8).ToList();
        if (worst.Count > 0 && worst.Any(t => t.ActivationSqnr is not null))
        {
            var table = new Table().Title("Lowest SQNR (see --report for all)").AddColumn("Tensor").AddColumn("Role").AddColumn("Node")
                .AddColumn(new TableColumn("Range").RightAligned()).AddColumn(new TableColumn("SQNR (dB)").RightAligned());
            foreach (var t in worst)
                table.AddRow(Markup.Escape(t.Name), t.Role.ToString().ToLowerInvariant(), Markup.Escape(t.Node), Markup.Escape(FormattableString.Invariant($"[{t.Min:G4}, {t.Max:G4}]")),
                    Decibels(QuantizationReport.Score(t)!.Value));
            console.WriteTable(table);
        }
        foreach (var note in report.Notes) console.MarkupLine($"[grey]note[/]: {Markup.Escape(note)}");
        foreach (var warning in report.Warnings) console.MarkupLine($"[yellow bold]warning[/]: {Markup.Escape(warning)}");
        console.MarkupLine(result.Written
            ? $"Wrote [bold]{Markup.Escape(result.OutputPath)}[/] ({ByteSize.Format(result.OutputFileBytes)})."
            : $"[red]Not written[/]: the quantized model is beyond the budget; nothing was written to {Markup.Escape(result.OutputPath)}.");
    }

    private static string QuantizeSummary(QuantizationReport report)
    {
        var o = report.Options;
        return o.Mode switch
        {
            QuantizationMode.Static => $"{o.Format.ToString().ToLowerInvariant()}, activations {Type(o.ActivationType)}{(o.SymmetricActivations ? " symmetric" : "")}, weights {Type(o.WeightType)}{(o.SymmetricWeights ? " symmetric" : "")}{(o.PerChannel ? " per channel" : "")}",
            QuantizationMode.Dynamic => $"weights {Type(o.WeightType)}{(o.PerChannel ? " per channel" : "")}",
            _ => $"weights {Type(o.WeightType)}{(o.BlockSize > 0 ? $" in blocks of {o.BlockSize}" : "")}",
        };
        static string Type(OnnxKit.Ir.DataType t) => OnnxKit.Ir.DataTypeInfo.OnnxName(t);
    }

    private static string Decibels(double db) => double.IsPositiveInfinity(db) ? "∞" : double.IsNegativeInfinity(db) ? "-∞" : db.ToString("0.0", Invariant);

    private static string Count(long n) => n.ToString("N0", Invariant);

    private static string Ratio(long after, long before) => before == 0 ? "" : $"×{((double)after / before).ToString("0.000", Invariant)}";

    /// <summary>Reports on the caller's thread.</summary>
    private sealed class SyncProgress(Action<QuantizationProgress> report) : IProgress<QuantizationProgress>
    {
        public void Report(QuantizationProgress value) => report(value);
    }
}
