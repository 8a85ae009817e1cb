using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) during the long commands: each stops within seconds with exit code 130, says what was stopped, writes
/// no output it had not finished, and leaves no temporary file.
/// </summary>
[Collection(TimingSensitiveCollection.Name)]
public sealed class CommandInterruptTests
{
    [Fact]
    public void Sigint_stops_optimize_during_its_verified_passes_and_writes_nothing()
    {
        using var dir = new TempFolder();
        var export = CliRunner.Run("export", "densenet-small", "-o", dir.File("densenet.onnx"));
        Assert.Equal(0, export.ExitCode);
        // --verify-each with 200 input sets verifies after every pass (about a minute here); --explain announces the first pass.
        var run = InterruptedRun.Run("remove-no-ops:", TimeSpan.FromSeconds(1),
            "optimize", dir.File("densenet.onnx"), "-o", dir.File("optimized.onnx"), "--explain", "--verify", "200", "--verify-each", "--report", dir.File("report.json"));

        Assert.True(run.Stopping < TimeSpan.FromSeconds(15), $"stopping took {run.Stopping.TotalSeconds:F1} s");
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("interrupted: 'optimize' stopped before it finished", run.Error);
        Assert.False(File.Exists(dir.File("optimized.onnx")));
        Assert.False(File.Exists(dir.File("report.json")));
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void Sigint_stops_the_demo_after_the_steps_it_finished()
    {
        using var dir = new TempFolder();
        string output = dir.File("demo");
        // 100,000 benchmark runs per variant: the demo is still working when the signal comes, whichever step it is in.
        var run = InterruptedRun.Run("export", TimeSpan.FromSeconds(1), "demo", "-o", output, "--iterations", "100000");

        Assert.True(run.Stopping < TimeSpan.FromSeconds(15), $"stopping took {run.Stopping.TotalSeconds:F1} s");
        Assert.Equal(130, run.ExitCode);
        Assert.Contains("export", run.Output); // the finished step was reported
        Assert.Contains("interrupted: 'demo' stopped before it finished", run.Error);
        Assert.Empty(Directory.GetFiles(output, "*.html")); // the graph page comes after the benchmark: never reached
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public void A_cancelled_export_stops_before_writing()
    {
        using var dir = new TempFolder();
        using var interrupted = new CancellationTokenSource();
        interrupted.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ExportJob.Run(new ModelSource.Zoo("lenet5", new ZooOptions()), dir.File("lenet.onnx"),
            new ExportOptions { Cancellation = interrupted.Token }));
        Assert.Empty(Directory.GetFiles(dir.Path));

        // The same export, not cancelled, writes the model: the token, not something else, stopped it.
        ExportJob.Run(new ModelSource.Zoo("lenet5", new ZooOptions()), dir.File("lenet.onnx"), new ExportOptions());
        Assert.True(File.Exists(dir.File("lenet.onnx")));
    }
}
