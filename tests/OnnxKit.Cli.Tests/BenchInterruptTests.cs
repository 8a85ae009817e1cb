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
    public void Sigint_stops_the_benchmark_and_prints_what_was_measured()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn.onnx"));
        // SIGINT two seconds into the timed runs: their start is announced on standard error, so a slow start-up on a
        // loaded machine no longer decides whether anything was measured.
        var run = InterruptedRun.Run("note: timing cnn.onnx", TimeSpan.FromSeconds(2),
            "bench", dir.File("cnn.onnx"), "--duration", "60", "--json", dir.File("bench.json"));
        Assert.True(run.Stopping < TimeSpan.FromSeconds(15), $"stopping took {run.Stopping.TotalSeconds:F1} s");

        Assert.Equal(130, run.ExitCode);
        Assert.Contains("Latency (ms)", run.Output);
        Assert.Contains("warning: Interrupted: 1 of 1 model(s) measured", run.Error);
        Assert.Contains("note: interrupted after", run.Error);
        using var json = JsonDocument.Parse(File.ReadAllText(dir.File("bench.json")));
        Assert.True(json.RootElement.GetProperty("results")[0].GetProperty("latency").GetProperty("count").GetInt32() > 0);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }
}
