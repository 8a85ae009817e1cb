using System.CommandLine;
using OnnxKit.Cli.Commands;

namespace OnnxKit.Cli;

/// <summary>
/// The commands that read a model without running, changing or writing it. The full tool lists them
/// among its commands (<see cref="CliApplication"/>); the native front end (src/Cli.FrontEnd) serves
/// them itself, with optimize, and hands everything else to the full tool.
/// </summary>
internal static class LightCommands
{
    /// <summary>The light commands, by name.</summary>
    public static readonly (string Name, Func<Command> Create)[] All =
    [
        ("inspect", InspectCommand.Create),
        ("check", CheckCommand.Create),
    ];
}
