using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// Runs <c>onnxkit</c> in a child process, waits until it prints a line showing the long part of its work has begun,
/// then sends it SIGINT (Ctrl+C) as a terminal would, and measures how long it takes to stop.
/// </summary>
public static class InterruptedRun
{
    /// <summary>What the interrupted run printed, its exit code, and the time from SIGINT to exit.</summary>
    public sealed record Result(int ExitCode, string Output, string Error, TimeSpan Stopping);

    /// <summary>
    /// Starts <c>onnxkit <paramref name="args"/></c>, waits (at most two minutes: start-up on a loaded machine) for a line of
    /// standard output or error containing <paramref name="startedMarker"/>, waits <paramref name="after"/> more, sends SIGINT,
    /// and waits at most 30 s for the process to end.
    /// </summary>
    public static Result Run(string startedMarker, TimeSpan after, params string[] args)
    {
        Assert.True(OperatingSystem.IsLinux(), "This test sends SIGINT with kill(1).");
        // A process started with SIGINT ignored (a background job of a script, nohup, some CI runners) passes that on to
        // its children, and the tool rightly keeps ignoring it; env(1) restores the default so the signal arrives.
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add("dotnet");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"));
        foreach (string arg in args) start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        start.Environment["COLUMNS"] = "200";
        var output = new StringBuilder();
        var error = new StringBuilder();
        using var started = new ManualResetEventSlim();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data, startedMarker, started);
        process.ErrorDataReceived += (_, e) => Append(error, e.Data, startedMarker, started);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Assert.True(started.Wait(TimeSpan.FromMinutes(2)), $"onnxkit never printed '{startedMarker}'; it printed:\n{Snapshot(output)}\n{Snapshot(error)}");
            Thread.Sleep(after);
            var clock = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(CultureInfo.InvariantCulture)])) kill.WaitForExit();
            bool exited = process.WaitForExit(TimeSpan.FromSeconds(30));
            var stopping = clock.Elapsed;
            Assert.True(exited, $"onnxkit did not stop within 30 s of SIGINT; it printed:\n{Snapshot(output)}\n{Snapshot(error)}");
            process.WaitForExit(); // the asynchronous readers have delivered every line
            return new Result(process.ExitCode, Snapshot(output), Snapshot(error), stopping);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    private static void Append(StringBuilder text, string? line, string marker, ManualResetEventSlim started)
    {
        if (line is null) return;
        lock (text) text.AppendLine(line);
        if (line.Contains(marker, StringComparison.Ordinal)) started.Set();
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text) return text.ToString();
    }
}
