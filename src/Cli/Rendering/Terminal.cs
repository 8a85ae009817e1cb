using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>
/// Where the CLI writes: results (tables, summaries) to standard output, notes, warnings and
/// progress to standard error, so a pipe or a redirect carries results only. On a terminal
/// tables fit its width; when standard output is not a terminal they keep their natural width
/// (a table is never wrapped to a made-up 80 columns), unless <c>COLUMNS</c> sets one.
/// </summary>
internal static class Terminal
{
    /// <summary>The width tables may take when standard output is not a terminal and <c>COLUMNS</c> is unset.</summary>
    public const int PipedWidth = 4096;

    /// <summary>Standard error, for notes, warnings and progress.</summary>
    public static IAnsiConsole Error { get; } = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    /// <summary>Sets the width of standard output's and standard error's consoles once, before anything is written.</summary>
    public static void ConfigureStandardOutput()
    {
        string? columns = Environment.GetEnvironmentVariable("COLUMNS");
        int width = int.TryParse(columns, out int given) && given > 0 ? given : PipedWidth;
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = width;
        if (Console.IsErrorRedirected) Error.Profile.Width = width; // notes in a log are not wrapped at a made-up 80 columns either
    }

    /// <summary>Writes "note: <paramref name="text"/>" to standard error.</summary>
    public static void Note(string text) => Error.MarkupLine($"[yellow]note:[/] {Markup.Escape(text)}");

    /// <summary>Writes "warning: <paramref name="text"/>" to standard error.</summary>
    public static void Warning(string text) => Error.MarkupLine($"[red]warning:[/] {Markup.Escape(text)}");
}
