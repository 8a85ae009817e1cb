using System.Globalization;
using OnnxKit.Data;
using OnnxKit.Evaluation.Results;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Shows an evaluation: a progress bar while it runs, then tables of the models, their classes and the comparisons.</summary>
internal static class EvaluationRenderer
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs <paramref name="work"/> over <paramref name="data"/> with a progress bar on standard error, unless quiet or not interactive.</summary>
    public static T WithProgress<T>(IDataSource data, Func<IProgress<DataProgress>?, T> work, bool quiet)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (quiet || Console.IsErrorRedirected || !console.Profile.Capabilities.Interactive) return work(null);
        T? report = default;
        console.Progress().AutoClear(true).Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(context =>
            {
                var task = context.AddTask(Markup.Escape(data.Description), maxValue: data.Count ?? 1);
                report = work(new SyncProgress(p => task.Value = p.Total is null ? 0 : p.Records));
            });
        return report!;
    }

    /// <summary>Prints the models' table and the comparisons; <paramref name="detailed"/> adds the first model's classes and confusion matrix.</summary>
    public static void Render(EvaluationReport report, bool detailed = true)
    {
        var console = AnsiConsole.Console;
        console.MarkupLine($"[bold]Data[/]: {Markup.Escape(report.Data)}; {report.Examples:N0} examples; preprocessing: {Markup.Escape(report.Preprocessing)}");
        bool regression = report.Models.Any(m => m.Outputs.Any(o => o.Regression is not null));
        var models = new Table().Title("Models").AddColumns("Model", "Output", "Task")
            .AddColumns(Right("Accuracy"), Right("Base rate"), Right("Top-3"), Right("Macro F1"), Right("Macro AUC"), Right("ECE"));
        bool costs = report.Models.Any(m => m.Outputs.Any(o => o.Classification?.Cost is not null));
        if (regression) models.AddColumns(Right("MAE"), Right("RMSE"), Right("R²"));
        if (costs) models.AddColumns(Right("Cost-wtd acc."), Right("Total cost"), Right("Cost/example"));
        models.AddColumns(Right("Run s"));
        foreach (var model in report.Models)
        {
            foreach (var output in model.Outputs)
            {
                var c = output.Classification;
                var r = output.Regression;
                var cells = new List<string>
                {
                    Markup.Escape(model.Name), Markup.Escape(output.Output), output.Task.ToString(),
                    Percent(c?.Accuracy ?? output.MultiLabel?.Accuracy), Percent(c?.BaseRate), Percent(c?.TopK.FirstOrDefault(t => t.K == 3)?.Accuracy),
                    Number(c?.Macro.F1), Number(c?.MacroAuc), Number(c?.Calibration.ExpectedCalibrationError),
                };
                if (regression) cells.AddRange([Number(r?.MeanAbsoluteError), Number(r?.RootMeanSquaredError), Number(r?.R2)]);
                if (costs) cells.AddRange([Percent(c?.Cost?.WeightedAccuracy), Number(c?.Cost?.Total), Number(c?.Cost?.PerExample)]);
                cells.Add(model.Seconds.ToString("0.00", Invariant));
                models.AddRow(cells.ToArray());
            }
            foreach (var note in model.Notes) console.MarkupLine($"[yellow]{Markup.Escape(model.Name)}: {Markup.Escape(note)}[/]");
        }
        console.WriteTable(models);
        if (report.Models.SelectMany(m => m.Outputs).Select(o => o.Classification?.Cost).FirstOrDefault(c => c is not null) is { } cost)
            console.MarkupLine($"Costs tp,fn,fp,tn = {Markup.Escape(cost.Costs.ToString())}, of the {Markup.Escape(cost.Basis)}; cost-weighted accuracy = (worst cost − cost) / (worst cost − best cost).");

        var first = report.Models[0];
        if (detailed && first.Outputs.FirstOrDefault(o => o.Classification is not null) is { Classification: { } result } output1)
        {
            var classes = new Table().Title($"Classes of {Markup.Escape(first.Name)} ({Markup.Escape(output1.Output)})").AddColumns("Class")
                .AddColumns(Right("Precision"), Right("Recall"), Right("F1"), Right("Support"), Right("AUC"), Right("AP"), Right("Lift@10%"));
            foreach (var c in result.PerClass)
                classes.AddRow(Markup.Escape(c.Name), Number(c.Precision), Number(c.Recall), Number(c.F1), c.Support.ToString("N0", Invariant),
                    Number(c.Auc), Number(c.AveragePrecision), Number(c.Lift.FirstOrDefault(l => l.Fraction == 0.10)?.Lift));
            classes.AddRow("[bold]macro[/]", Number(result.Macro.Precision), Number(result.Macro.Recall), Number(result.Macro.F1), "", Number(result.MacroAuc), "", "");
            classes.AddRow("[bold]weighted[/]", Number(result.Weighted.Precision), Number(result.Weighted.Recall), Number(result.Weighted.F1), "", "", "", "");
            console.WriteTable(classes);
            var matrix = new Table().Title("Confusion matrix (rows: true class, columns: predicted)").AddColumn("");
            for (int k = 0; k < result.ClassNames.Count; k++) matrix.AddColumn(Right(k.ToString(Invariant)));
            for (int k = 0; k < result.ClassNames.Count; k++)
                matrix.AddRow([Markup.Escape($"{k} {result.ClassNames[k]}"), .. result.ConfusionMatrix[k].Select(v => v.ToString(Invariant))]);
            console.WriteTable(matrix);
        }

        if (report.Comparisons.Count > 0)
        {
            var comparisons = new Table().Title($"Against {Markup.Escape(first.Name)}").AddColumns("Model", "Output")
                .AddColumns(Right("Δ accuracy"), Right("Agreement"), Right("Changed"), Right("McNemar p"), new TableColumn("Significant"), new TableColumn("Classes changed"));
            foreach (var c in report.Comparisons)
            {
                comparisons.AddRow(Markup.Escape(c.Model), Markup.Escape(c.Output),
                    c.AccuracyDelta is { } d ? (d * 100).ToString("+0.00;-0.00;0.00", Invariant) + " pt" : "",
                    Percent(c.Agreement), c.Changed.ToString("N0", Invariant),
                    c.McNemar is { } m ? m.ExactPValue.ToString("0.####", Invariant) : "",
                    c.McNemar is { } t ? (t.IsSignificant() ? "[red]yes[/]" : "no") : "",
                    Markup.Escape(string.Join(", ", c.ChangedClasses.OrderByDescending(x => x.Gained + x.Lost).Take(4).Select(x => $"{x.Name} +{x.Gained}/-{x.Lost}"))));
            }
            console.WriteTable(comparisons);
        }
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.00", Invariant) + " %" : "";

    private static string Number(double? value) => value is { } v ? v.ToString("0.0000", Invariant) : "";

    private sealed class SyncProgress(Action<DataProgress> report) : IProgress<DataProgress>
    {
        public void Report(DataProgress value) => report(value);
    }
}
