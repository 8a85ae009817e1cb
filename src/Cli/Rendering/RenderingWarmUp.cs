using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>
/// Readies Spectre.Console's table and markup rendering while a command's work runs. The first table a process draws
/// spends almost all its time in the runtime, not in drawing: loading Spectre.Console's types and compiling the generic
/// code that ReadyToRun cannot hold (measured on <c>optimize</c>: about 55 ms of CPU after the model was written, of
/// which Spectre.Console's own code took a few samples). Drawing a small throwaway table and markup line on a thread-pool
/// thread, to a console that discards its output, moves that work to beside the command's; what is written is unchanged.
/// </summary>
internal static class RenderingWarmUp
{
    /// <summary>Starts the warm-up and returns at once; it never writes anywhere and never fails the command.</summary>
    public static void Start() => _ = Task.Run(() =>
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(TextWriter.Null) });
        var table = new Table().Title("Before and after").AddColumn("Operator")
            .AddColumn(new TableColumn("Before").RightAligned()).AddColumn(new TableColumn("Change").RightAligned());
        table.AddRow(Markup.Escape("Conv"), "1,024", "-1");
        table.AddEmptyRow();
        table.AddRow("[bold]Nodes[/]", "2 KiB", "×0.98");
        console.WriteTable(table);
        console.MarkupLine($"[green]Verified[/]: {Markup.Escape("all 1 output(s) within rtol 0.0001")}");
    });
}
