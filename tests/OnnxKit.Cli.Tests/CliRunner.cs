using System.Diagnostics;

namespace OnnxKit.Cli.Tests;

/// <summary>Runs the built <c>onnxkit</c> tool in a child process, as a user would.</summary>
public static class CliRunner
{
    /// <summary>The result of one run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Runs <c>onnxkit</c> with <paramref name="args"/>; gives up after two minutes.</summary>
    public static Result Run(params string[] args) => RunWith(new Dictionary<string, string?>(), args);

    /// <summary>Runs the tool with <paramref name="environment"/> over the defaults (a null value removes the variable).</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        RunProgram("dotnet", [Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"), .. args], environment);

    /// <summary>
    /// Runs <paramref name="program"/> with <paramref name="args"/> as the tool is run (no colour, 200 columns),
    /// <paramref name="environment"/> over that; gives up after two minutes.
    /// </summary>
    public static Result RunProgram(string program, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(program)} {string.Join(' ', args)} did not finish in two minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
