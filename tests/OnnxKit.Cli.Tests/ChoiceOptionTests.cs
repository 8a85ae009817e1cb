using System.CommandLine;
using System.CommandLine.Parsing;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// Options with a fixed set of values (<c>--ep</c>, <c>--level</c>, <c>--backend</c>, ...) are
/// parsed by System.CommandLine into enums: the documented names in any letter case parse to
/// the member of that name, anything else is a usage error listing the names.
/// </summary>
public sealed class ChoiceOptionTests
{
    [Theory]
    [InlineData("run", "--ep", "tensorrt", "TensorRT")]
    [InlineData("run", "--ep", "TensorRT", "TensorRT")]
    [InlineData("bench", "--ep", "auto", "Auto")]
    [InlineData("run", "--opt-level", "extended", "Extended")]
    [InlineData("run", "--output-format", "pb", "Pb")]
    [InlineData("run", "--backend", "reference", "Reference")]
    [InlineData("conformance", "--backend", "ort", "Ort")]
    [InlineData("optimize", "--level", "basic", "Basic")]
    [InlineData("export", "--external-data", "never", "Never")]
    public void DocumentedNamesParseToTheirMember(string command, string option, string value, string member)
    {
        var parse = CliApplication.BuildRoot().Parse([command, "m.onnx", option, value]);

        Assert.Empty(parse.Errors);
        var result = parse.GetResult(parse.CommandResult.Command.Options.Single(o => o.Name == option));
        var parsed = Assert.IsType<OptionResult>(result).GetValueOrDefault<object>();
        Assert.Equal(member, parsed?.ToString());
    }

    [Theory]
    [InlineData("run", "--ep", "2", "'tensorrt'")]
    [InlineData("run", "--ep", "rocm", "'cuda'")]
    [InlineData("optimize", "--level", "max", "'extended'")]
    [InlineData("conformance", "--backend", "tensorflow", "'reference'")]
    [InlineData("export", "--external-data", "1", "'always'")]
    [InlineData("run", "--output-format", "npz", "'npy'")]
    public void AnythingElseIsAUsageErrorListingTheNames(string command, string option, string value, string listed)
    {
        var result = InProcessCli.Run(command, "m.onnx", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"'{value}'", result.Error);
        Assert.Contains(listed, result.Error);
    }
}
