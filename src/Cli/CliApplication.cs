using System.CommandLine;
using OnnxKit.Cli.Commands;

namespace OnnxKit.Cli;

/// <summary>Assembles the <c>onnxkit</c> command tree and runs it.</summary>
internal static class CliApplication
{
    /// <summary>Shows stack traces for unexpected errors.</summary>
    public static readonly Option<bool> Verbose = new("--verbose", "-v")
    {
        Description = "Show details of unexpected errors (stack traces).",
        Recursive = true,
    };

    /// <summary>
    /// The commands, by name, each built only when needed: building a command creates its options and
    /// validators, which costs start-up time (much of it just-in-time compilation of System.CommandLine's
    /// generic option types), so a run builds only the command it names.
    /// </summary>
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("inspect", InspectCommand.Create),
        ("check", CheckCommand.Create),
        ("conformance", ConformanceCommand.Create),
        ("export", ExportCommand.Create),
        ("optimize", OptimizeCommand.Create),
        ("quantize", QuantizeCommand.Create),
        ("convert", ConvertCommand.Create),
        ("run", RunCommand.Create),
        ("bench", BenchCommand.Create),
        ("eval", EvalCommand.Create),
        ("summary", SummaryCommand.Create),
        ("view", ViewCommand.Create),
        ("demo", DemoCommand.Create),
        ("train", TrainCommand.Create),
        ("distill", DistillCommand.Create),
        ("distill-prep", DistillPrepCommand.Create),
        ("soft-targets", SoftTargetsCommand.Create),
    ];

    /// <summary>The whole command tree (for help, version and anything that does not start with a command name).</summary>
    public static RootCommand BuildRoot() => BuildRoot(Commands.Select(c => c.Create));

    /// <summary>
    /// The tree <paramref name="args"/> needs: when the first argument names a command, the root with that
    /// command alone (its parsing, help and errors are the same as in the whole tree); otherwise the whole tree.
    /// </summary>
    public static RootCommand BuildRootFor(IReadOnlyList<string> args)
    {
        foreach (var (name, create) in Commands)
        {
            if (args.Count > 0 && args[0] == name) return BuildRoot([create]);
        }
        return BuildRoot();
    }

    private static RootCommand BuildRoot(IEnumerable<Func<Command>> commands)
    {
        var root = new RootCommand("OnnxKit: export, check, optimize, run, bench and view ONNX models without leaving .NET.") { Verbose };
        foreach (var create in commands) root.Subcommands.Add(create());
        return root;
    }

    public static int Run(string[] args)
    {
        using var signals = Interruption.Install();
        Rendering.Terminal.ConfigureStandardOutput();
        var parse = BuildRootFor(args).Parse(args);
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
