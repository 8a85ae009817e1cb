namespace OnnxKit.Cli;

/// <summary>
/// Decides who runs a command line: the light commands (<see cref="LightCommands"/>), <c>optimize</c> and
/// <c>--version</c> run here, natively, with the full tool's own command definitions; anything else (help, the other
/// commands, a mistyped name) goes to the full tool (<see cref="FullTool"/>), which reports it as it always has.
/// </summary>
internal static class FrontEnd
{
    /// <summary>
    /// The commands served here: the light ones, and <c>optimize</c>, whose fixed costs on a small model (start-up and
    /// just-in-time compiling some thousand methods) are most of its time in the full tool (docs/packaging.md).
    /// </summary>
    private static readonly (string Name, Func<System.CommandLine.Command> Create)[] Served = [.. LightCommands.All, ("optimize", Commands.OptimizeCommand.Create)];

    /// <summary>Runs <paramref name="args"/> here or in the full tool; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        // The root alone prints the version exactly as the full tool's does (same informational version).
        if (args is ["--version"]) return CliRoot.Run(args, CliRoot.Create([]));
        return CliRoot.Named(args, Served) is { } create ? CliRoot.Run(args, CliRoot.Create([create])) : FullTool.Run(args);
    }
}
