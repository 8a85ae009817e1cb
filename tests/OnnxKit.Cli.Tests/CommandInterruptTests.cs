using OnnxKit.Cli.Quantization;
using OnnxKit.Data.Preprocessing;
using OnnxKit.Exporter.Export;
using OnnxKit.Optimizer.Quantization;
using OnnxKit.Serialization;
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
        using var dir = ExportedDensenet();
        // --verify-each with 200 input sets verifies after every pass (about a minute here); --explain announces the first pass.
        var run = InterruptedRun.Run("remove-no-ops:", TimeSpan.FromSeconds(1),
            "optimize", dir.File("densenet.onnx"), "-o", dir.File("optimized.onnx"), "--explain", "--verify", "200", "--verify-each", "--report", dir.File("report.json"));

        AssertStoppedWritingNothing(run, "optimize", dir, "optimized.onnx", "report.json");
    }

    [Fact]
    public void Sigint_stops_optimize_int8_while_it_quantizes_and_writes_nothing()
    {
        using var dir = ExportedDensenet();
        // The passes (explained on stderr, fuse-layer-norm among the last) take seconds; calibrating on 20,000 random samples
        // takes minutes here, so the signal arrives while the model is being calibrated.
        var run = InterruptedRun.Run("fuse-layer-norm:", TimeSpan.FromSeconds(3),
            "optimize", dir.File("densenet.onnx"), "-o", dir.File("int8.onnx"), "--explain", "--verify", "1", "--int8",
            "--calibration-data", "random", "--calibration-samples", "20000", "--report", dir.File("report.html"));

        AssertStoppedWritingNothing(run, "optimize", dir, "int8.onnx", "report.html");
    }

    [Fact]
    public void A_cancelled_quantization_stops_before_writing()
    {
        using var dir = new TempFolder();
        ExportJob.Run(new ModelSource.Zoo("lenet5", new ZooOptions()), dir.File("lenet.onnx"), new ExportOptions());
        var request = new QuantizeFileRequest { InputPath = dir.File("lenet.onnx"), OutputPath = dir.File("lenet.int8.onnx"), Options = new QuantizeOptions() };
        var data = new QuantizationData("random", 32, null, 0, 16, 0, BackendKind.Ort, PreprocessingOptions.None);
        using var interrupted = new CancellationTokenSource();
        interrupted.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            ModelFileQuantizer.Quantize(request, model => SampleSources.Services(data, model, null) with { Cancellation = interrupted.Token }));
        Assert.False(File.Exists(request.OutputPath));

        // The same quantization, not cancelled, writes the model: the token, not something else, stopped it.
        var report = ModelFileQuantizer.Quantize(request, model => SampleSources.Services(data, model, null));
        Assert.True(report.Written);
        Assert.Contains(OnnxFile.Load(request.OutputPath).Graph.Nodes, n => n.OpType == "QuantizeLinear");
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

    /// <summary>A temporary folder holding densenet-small exported as densenet.onnx (big enough for seconds of work).</summary>
    private static TempFolder ExportedDensenet()
    {
        var dir = new TempFolder();
        var export = CliRunner.Run("export", "densenet-small", "-o", dir.File("densenet.onnx"));
        Assert.Equal(0, export.ExitCode);
        return dir;
    }

    /// <summary>The run stopped within seconds with exit code 130, said so, and left none of <paramref name="outputs"/> and no temporary file.</summary>
    private static void AssertStoppedWritingNothing(InterruptedRun.Result run, string command, TempFolder dir, params string[] outputs)
    {
        Assert.True(run.Stopping < TimeSpan.FromSeconds(15), $"stopping took {run.Stopping.TotalSeconds:F1} s");
        Assert.Equal(130, run.ExitCode);
        Assert.Contains($"interrupted: '{command}' stopped before it finished", run.Error);
        foreach (string output in outputs) Assert.False(File.Exists(dir.File(output)), $"{output} was written");
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }
}
