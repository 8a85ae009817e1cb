namespace OnnxKit.Fuzzing.Tests;

/// <summary>
/// The built onnxkit tool run as a child process under the limits of issue 19: a 6 GB address space
/// (<c>prlimit --as</c>) and 30 seconds; the assertions every hostile input must pass.
/// </summary>
public static class LimitedCli
{
    private static readonly CliHarness Harness = new(Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"));

    /// <summary>Runs onnxkit with <paramref name="args"/>.</summary>
    public static CliHarness.Outcome Run(params string[] args) => Harness.Run(args);

    /// <summary>
    /// Runs onnxkit and asserts that it ended in time with one of <paramref name="codes"/>, printed a message
    /// containing <paramref name="message"/>, reported no internal error and left no temporary file in
    /// <paramref name="folder"/>.
    /// </summary>
    public static CliHarness.Outcome Expect(int[] codes, string message, string folder, params string[] args)
    {
        var outcome = Harness.Run(args);
        string command = "onnxkit " + string.Join(' ', args);
        Assert.False(outcome.TimedOut, $"{command} ran past {CliHarness.TimeLimit.TotalSeconds} s");
        Assert.True(codes.Contains(outcome.ExitCode), $"{command} exited with {outcome.ExitCode}, expected {string.Join(" or ", codes)}:\n{outcome.Output}");
        Assert.DoesNotContain("internal error", outcome.Output);
        Assert.Contains(message, outcome.Output);
        Assert.Empty(Directory.EnumerateFiles(folder, ".*.tmp", SearchOption.AllDirectories));
        return outcome;
    }
}
