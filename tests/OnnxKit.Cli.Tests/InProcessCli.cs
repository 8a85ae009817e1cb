using Spectre.Console;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// Runs <c>onnxkit</c> inside the test process (fast enough to sweep thousands of
/// models), capturing what it prints. Console redirection is process-wide, so
/// runs are serialized.
/// </summary>
public static class InProcessCli
{
    private static readonly Lock Gate = new();

    /// <summary>Runs the tool with <paramref name="args"/>.</summary>
    public static CliRunner.Result Run(params string[] args)
    {
        lock (Gate)
        {
            var (oldOut, oldError, oldConsole) = (Console.Out, Console.Error, AnsiConsole.Console);
            var output = new StringWriter();
            var error = new StringWriter();
            try
            {
                Console.SetOut(output);
                Console.SetError(error);
                AnsiConsole.Console = AnsiConsole.Create(new AnsiConsoleSettings
                {
                    Out = new AnsiConsoleOutput(output),
                    Ansi = AnsiSupport.No,
                    ColorSystem = ColorSystemSupport.NoColors,
                });
                int code = CliApplication.Run(args);
                return new CliRunner.Result(code, output.ToString(), error.ToString());
            }
            finally
            {
                Console.SetOut(oldOut);
                Console.SetError(oldError);
                AnsiConsole.Console = oldConsole;
            }
        }
    }
}
