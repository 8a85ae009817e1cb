using OnnxKit.Checker;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Prints a <see cref="CheckReport"/>: one line per problem, then a verdict.</summary>
internal static class CheckRenderer
{
    public static void Render(CheckReport report, string path)
    {
        var console = AnsiConsole.Console;
        foreach (var problem in report.Problems)
        {
            string severity = problem.Severity == CheckSeverity.Error ? "[red]error[/]" : "[yellow]warning[/]";
            console.MarkupLine($"{severity}: [bold]{Markup.Escape(problem.Location)}[/]: {Markup.Escape(problem.Message)} [grey][[{Markup.Escape(problem.Code)}]][/]");
        }
        string counts = $"{report.ErrorCount} error(s), {report.WarningCount} warning(s)";
        console.MarkupLine(report.IsValid
            ? $"[green]valid[/]: {Markup.Escape(path)} ({counts})"
            : $"[red]invalid[/]: {Markup.Escape(path)} ({counts})");
    }
}
