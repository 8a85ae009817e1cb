using System.CommandLine;

namespace OnnxKit.Cli;

/// <summary>
/// The root of the <c>onnxkit</c> command tree and the run loop around it, shared by the full tool
/// (<see cref="CliApplication"/>, every command) and the native front end (src/Cli.FrontEnd, the light
/// commands alone), so a command parses, reports errors and exits the same way in both.
/// </summary>
internal static class CliRoot
{
    /// <summary>Shows stack traces for unexpected errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details of unexpected errors (stack traces).",
        Recursive = true,
    };

    /// <summary>A root holding the commands <paramref name="commands"/> create, in that order.</summary>
    public static RootCommand Create(IEnumerable<Func<Command>> commands)
    {
        var root = new RootCommand("OnnxKit: export, check, optimize, run, bench and view ONNX models without leaving .NET.") { Verbose };
        foreach (var create in commands) root.Subcommands.Add(create());
        return root;
    }

    /// <summary>The creator of the command among <paramref name="commands"/> that the first of <paramref name="args"/> names, or null.</summary>
    public static Func<Command>? Named(IReadOnlyList<string> args, IEnumerable<(string Name, Func<Command> Create)> commands) =>
        args.Count == 0 ? null : commands.FirstOrDefault(c => c.Name == args[0]).Create;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the command; returns the exit code.</summary>
    public static int Run(string[] args, RootCommand root)
    {
        using var signals = Interruption.Install();
        Rendering.Terminal.ConfigureStandardOutput();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) Console.Error.WriteLine($"error: {error.Message}");
            Console.Error.WriteLine("Run 'onnxkit --help' for usage.");
            return ExitCodes.Usage;
        }
        // Ctrl+C and SIGTERM go through Interruption alone: System.CommandLine's own handler would be a second one.
        int code = parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });
        return Interruption.Complete(code);
    }
}
