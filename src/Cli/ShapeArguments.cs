using System.CommandLine;
using OnnxKit.Execution;

namespace OnnxKit.Cli;

/// <summary>
/// <c>--shape NAME=AxBxC</c> (repeatable) for the commands that generate inputs (<c>run</c>, <c>bench</c>,
/// <c>optimize</c>'s verification): the shape of a generated input, or the size of a symbolic dim.
/// Commands that read their inputs from data (<c>eval</c>) do not take it.
/// </summary>
internal sealed class ShapeArguments
{
    private readonly Option<string[]> shapes = new("--shape")
    {
        Description = "Shape of a generated input (x=1x3x224x224) or size of a symbolic dim (batch=8); repeatable.",
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>Adds <c>--shape</c> to <paramref name="command"/>.</summary>
    public void AddTo(Command command) => command.Options.Add(shapes);

    /// <summary>The <c>--shape</c> overrides; a malformed one is a usage error.</summary>
    public ShapeOverrides Parse(ParseResult parse)
    {
        try
        {
            return ShapeOverrides.Parse(parse.GetValue(shapes) ?? []);
        }
        catch (OnnxKitException e)
        {
            throw new UsageException(e.Message);
        }
    }
}
