using OnnxKit.Reference.Conformance;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Shows a conformance run: a progress bar while it runs, then failures, skips grouped by reason, and the totals.</summary>
internal static class ConformanceRenderer
{
    public static ConformanceReport RunWithProgress(ConformanceRunner runner, string directory, string? filter)
    {
        var cases = ConformanceRunner.FindCases(directory)
            .Where(c => filter is null || Path.GetFileName(c).Contains(filter, StringComparison.Ordinal)).ToList();
        var results = new List<CaseResult>();
        var console = AnsiConsole.Console;
        if (!console.Profile.Capabilities.Interactive)
        {
            results.AddRange(cases.Select(runner.RunCase));
        }
        else
        {
            console.Progress().Start(context =>
            {
                var task = context.AddTask("conformance", maxValue: Math.Max(cases.Count, 1));
                foreach (string path in cases)
                {
                    task.Description = Markup.Escape(Path.GetFileName(path));
                    results.Add(runner.RunCase(path));
                    task.Increment(1);
                }
            });
        }
        return new ConformanceReport(runner.BackendName, directory, results);
    }

    public static void Render(ConformanceReport report)
    {
        var console = AnsiConsole.Console;
        var failures = report.Results.Where(r => r.Status == CaseStatus.Failed).ToList();
        if (failures.Count > 0)
        {
            var table = new Table().AddColumn("failed case").AddColumn("worst error / reason");
            foreach (var failure in failures) table.AddRow(Markup.Escape(failure.Name), Markup.Escape(failure.Reason ?? ""));
            console.WriteTable(table);
        }
        var skipped = report.Results.Where(r => r.Status == CaseStatus.Skipped).GroupBy(r => SkipReason(r.Reason)).OrderByDescending(g => g.Count()).ToList();
        if (skipped.Count > 0)
        {
            var table = new Table().AddColumn(new TableColumn("skipped").RightAligned()).AddColumn("reason").AddColumn("cases");
            foreach (var group in skipped)
            {
                var names = group.Select(r => r.Name).ToList();
                string list = string.Join(", ", names.Take(3)) + (names.Count > 3 ? $", … (+{names.Count - 3})" : "");
                table.AddRow(names.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(group.Key), Markup.Escape(list));
            }
            console.WriteTable(table);
        }
        string color = report.Failed == 0 ? "green" : "red";
        console.MarkupLine($"[{color}]{Markup.Escape(report.Summary)}[/]");
    }

    /// <summary>The reason without the node location (which ends in "(OpType): "), so that cases skipped for the same reason group together.</summary>
    private static string SkipReason(string? reason)
    {
        if (reason is null) return "";
        int at = reason.IndexOf("): ", StringComparison.Ordinal);
        return at < 0 ? reason : reason[(at + 3)..];
    }
}
