using System.Diagnostics;

namespace OnnxKit.Fuzzing;

/// <summary>
/// Runs the onnxkit commands on a mutant as a user would, each in its own process under an address-space
/// limit (<c>prlimit --as</c>, 6 GB) and a wall-clock limit (30 s): inspect, check, summary, optimize, run on
/// both backends, bench and view. A signal, a timeout, an exit code other than 0-3, "internal error" in the
/// output, or a temporary file left in the folder is a finding.
/// </summary>
public sealed class CliHarness(string onnxkitDll)
{
    /// <summary>The address-space limit of every command.</summary>
    public const long AddressSpace = 6_000_000_000;

    /// <summary>The wall-clock limit of every command.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>The commands, with the arguments after the model path; OUT is replaced by a path in the mutant's folder.</summary>
    public static readonly string[][] Commands =
    [
        ["inspect"], ["check"], ["summary"], ["view", "-o", "OUT/page.html"],
        ["optimize", "-o", "OUT/opt.onnx", "--timeout", "20"],
        ["run", "--timeout", "20", "-o", "OUT/outputs"], ["run", "--backend", "reference", "--timeout", "20"],
        ["bench", "-n", "2", "--warmup", "0", "--timeout", "20"],
    ];

    /// <summary>The result of one command.</summary>
    public sealed record Outcome(int ExitCode, bool TimedOut, string Output, TimeSpan Elapsed);

    /// <summary>Runs command <paramref name="command"/> on <paramref name="model"/>; returns the finding, or null.</summary>
    public Finding? Check(string[] command, string model, string folder, params string[] extra)
    {
        var args = new List<string> { command[0], model };
        args.AddRange(command.Skip(1).Select(a => a.Replace("OUT", folder, StringComparison.Ordinal)));
        args.AddRange(extra);
        var outcome = Run(args);
        string where = string.Join(' ', command.Take(3));
        if (outcome.TimedOut) return new Finding("hang", where, $"still running after {TimeLimit.TotalSeconds:0} s");
        if (outcome.ExitCode is < 0 or > 3) return new Finding("crash", where, $"exit code {outcome.ExitCode}\n{Tail(outcome.Output)}");
        if (outcome.Output.Contains("internal error", StringComparison.Ordinal)) return new Finding("internal-error", where, Tail(outcome.Output));
        var leftovers = Directory.EnumerateFiles(folder, ".*.tmp", SearchOption.AllDirectories).ToArray();
        return leftovers.Length > 0 ? new Finding("leftover", where, string.Join(", ", leftovers.Select(Path.GetFileName))) : null;
    }

    /// <summary>Runs onnxkit with <paramref name="args"/> under the limits.</summary>
    public Outcome Run(IEnumerable<string> args)
    {
        bool limited = File.Exists("/usr/bin/prlimit");
        var start = new ProcessStartInfo(limited ? "/usr/bin/prlimit" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (limited)
        {
            start.ArgumentList.Add($"--as={AddressSpace}");
            start.ArgumentList.Add("dotnet");
        }
        start.ArgumentList.Add(onnxkitDll);
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        bool finished = process.WaitForExit(TimeLimit);
        if (!finished)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
        return new Outcome(finished ? process.ExitCode : -1, !finished, output.Result + error.Result, clock.Elapsed);
    }

    private static string Tail(string text) => text.Length > 2000 ? text[^2000..] : text;
}
