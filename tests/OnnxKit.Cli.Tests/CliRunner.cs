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
    public static Result RunWith(IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        string tool = Path.Combine(AppContext.BaseDirectory, "onnxkit.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(tool);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        foreach (var (name, value) in environment)
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
            throw new TimeoutException($"onnxkit {string.Join(' ', args)} did not finish in two minutes");
        }
        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
