namespace OnnxKit.Cli.Tests;

/// <summary>
/// A run that names a command builds that command alone (start-up time); it must parse exactly as the
/// whole tree would, so each command built alone is compared with the same command in the whole tree.
/// </summary>
public sealed class CommandTreeTests
{
    [Fact]
    public void A_run_naming_a_command_builds_it_alone_with_the_options_and_arguments_of_the_whole_tree()
    {
        var whole = CliApplication.BuildRoot();
        Assert.NotEmpty(whole.Subcommands);
        foreach (var command in whole.Subcommands)
        {
            var alone = Assert.Single(CliApplication.BuildRootFor([command.Name, "--help"]).Subcommands);
            Assert.Equal(command.Name, alone.Name);
            Assert.Equal(command.Options.Select(o => o.Name), alone.Options.Select(o => o.Name));
            Assert.Equal(command.Arguments.Select(a => a.Name), alone.Arguments.Select(a => a.Name));
        }
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("--help")]
    [InlineData("--verbose")]
    [InlineData("no-such-command")]
    public void A_run_not_starting_with_a_command_name_builds_the_whole_tree(string first)
    {
        Assert.Equal(CliApplication.BuildRoot().Subcommands.Select(c => c.Name), CliApplication.BuildRootFor([first]).Subcommands.Select(c => c.Name));
    }

    [Fact]
    public void A_usage_error_in_a_command_built_alone_is_reported_as_in_the_whole_tree()
    {
        string[] args = ["inspect", "m.onnx", "--no-such-option"];
        Assert.Equal(CliApplication.BuildRoot().Parse(args).Errors.Select(e => e.Message), CliApplication.BuildRootFor(args).Parse(args).Errors.Select(e => e.Message));
    }
}
