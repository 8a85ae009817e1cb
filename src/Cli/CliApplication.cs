using System.CommandLine;
using OnnxKit.Cli.Commands;

namespace OnnxKit.Cli;

/// <summary>Assembles the <c>onnxkit</c> command tree, every command, and runs it (see <see cref="CliRoot"/>).</summary>
internal static class CliApplication
{
    /// <summary>
    /// The commands, by name, each built only when needed: building a command creates its options and
    /// validators, which costs start-up time (much of it just-in-time compilation of System.CommandLine's
    /// generic option types), so a run builds only the command it names.
    /// </summary>
    private static readonly (string Name, Func<Command> Create)[] Commands =
    [
        .. LightCommands.All,
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
    public static RootCommand BuildRoot() => CliRoot.Create(Commands.Select(c => c.Create));

    /// <summary>
    /// The tree <paramref name="args"/> needs: when the first argument names a command, the root with that
    /// command alone (its parsing, help and errors are the same as in the whole tree); otherwise the whole tree.
    /// </summary>
    public static RootCommand BuildRootFor(IReadOnlyList<string> args) =>
        CliRoot.Named(args, Commands) is { } create ? CliRoot.Create([create]) : BuildRoot();

    /// <summary>Runs the command <paramref name="args"/> name; returns the exit code.</summary>
    public static int Run(string[] args) => CliRoot.Run(args, BuildRootFor(args));
}
