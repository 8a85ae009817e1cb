using System.Diagnostics;
using System.Text.Json;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>Ctrl+C (SIGINT) during <c>onnxkit bench --duration 60</c>: it stops within seconds and reports what it measured.</summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class BenchInterruptTests
{
    [Fact]
    public async Task Sigint_stops_the_benchmark_and_prints_what_was_measured()
    {
        Assert.True(OperatingSystem.IsLinux(), "This test sends SIGINT with kill(1).");
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn.onnx"));
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "onnxkit.dll"), "bench", dir.File("cnn.onnx"), "--duration", "60", "--json", dir.File("bench.json") })
            start.ArgumentList.Add(arg);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await Task.Delay(TimeSpan.FromSeconds(8)); // start-up, warm-up, then some seconds of timed runs
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) kill.WaitForExit();
        bool exited = process.WaitForExit(TimeSpan.FromSeconds(30));
        if (!exited) process.Kill(entireProcessTree: true);
        Assert.True(exited, "onnxkit bench did not stop within 30 s of SIGINT");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"stopping took {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(130, process.ExitCode);
        string stdout = await output, stderr = await error;
        Assert.Contains("Latency (ms)", stdout);
        Assert.Contains("warning: Interrupted: 1 of 1 model(s) measured", stderr);
        Assert.Contains("note: interrupted after", stderr);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("bench.json")));
        Assert.True(json.RootElement.GetProperty("results")[0].GetProperty("latency").GetProperty("count").GetInt32() > 0);
    }
}
