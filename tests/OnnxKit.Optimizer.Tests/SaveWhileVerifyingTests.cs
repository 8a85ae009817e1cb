using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Ir.Building;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Optimizer.Tests;

/// <summary>
/// <see cref="ModelFileOptimizer"/> writes the optimized model while it is verified: the candidate's temporary file
/// exists during its verification run, nothing is visible at the output path before the check passes, and a candidate
/// that fails (or a run that is cancelled) leaves neither an output nor a temporary file behind.
/// </summary>
public sealed class SaveWhileVerifyingTests
{
    [Fact]
    public void AVerifiedCandidateWrittenDuringItsCheckIsRenamedIntoPlace()
    {
        using var folder = new TempFolder();
        var watcher = new WatchingBackend(folder.Path, folder.File("out.onnx"));
        var result = ModelFileOptimizer.Optimize(Request(folder, watcher, ["remove-no-ops"]));

        Assert.True(result.Succeeded, result.Optimization.Verification?.Summary);
        Assert.True(watcher.SawTemporaryFile, "the candidate's file was not being written while it was verified");
        Assert.False(watcher.OutputExistedDuringCheck);
        Assert.Equal(["in.onnx", "out.onnx"], folder.FileNames());
        Assert.Equal(["Relu"], Optimize.Ops(OnnxFile.Load(folder.File("out.onnx"))));
    }

    [Fact]
    public void ACandidateThatFailsVerificationIsNeverWrittenOnlyTheRepairedOne()
    {
        using var folder = new TempFolder();
        var watcher = new WatchingBackend(folder.Path, folder.File("out.onnx"));
        // break-relu turns Relu into Sigmoid: the first candidate fails, is optimized again pass by pass, and the pass is undone.
        var result = ModelFileOptimizer.Optimize(Request(folder, watcher, ["break-relu", "remove-no-ops"]));

        Assert.True(watcher.SawTemporaryFile);
        Assert.False(watcher.OutputExistedDuringCheck);
        Assert.Contains(result.Optimization.Warnings, w => w.Contains("verifying after every pass", StringComparison.Ordinal));
        Assert.Equal(["in.onnx", "out.onnx"], folder.FileNames());
        Assert.Equal(["Relu"], Optimize.Ops(OnnxFile.Load(folder.File("out.onnx"))));
    }

    [Fact]
    public void ACancelledCheckLeavesNoOutputAndNoTemporaryFile()
    {
        using var folder = new TempFolder();
        using var cancellation = new CancellationTokenSource();
        var watcher = new WatchingBackend(folder.Path, folder.File("out.onnx")) { DuringCheck = cancellation.Cancel };
        var request = Request(folder, watcher, ["remove-no-ops"]);
        request = request with { Options = request.Options with { Cancellation = cancellation.Token } };

        Assert.ThrowsAny<OperationCanceledException>(() => ModelFileOptimizer.Optimize(request));
        Assert.True(watcher.SawTemporaryFile);
        Assert.Equal(["in.onnx"], folder.FileNames());
    }

    private static OptimizeFileRequest Request(TempFolder folder, IBackend backend, string[] passes)
    {
        var g = new GraphBuilder();
        var x = g.Input("x", 2, 3);
        OnnxFile.Save(g.Output(g.Op("Identity", [g.Op("Relu", [x])]), DataType.Float, 2, 3).ToModel(), folder.File("in.onnx"));
        return new OptimizeFileRequest
        {
            InputPath = folder.File("in.onnx"),
            OutputPath = folder.File("out.onnx"),
            Options = new OptimizeOptions { Registry = PassRegistry.Default.Register(() => new ReluToSigmoidPass()), Passes = passes },
            VerificationBackend = backend,
        };
    }

    /// <summary>
    /// ONNX Runtime as written, watching the output's folder: when the first candidate is prepared (the second model,
    /// after the original), it waits for the candidate's temporary file to appear and notes whether the output exists.
    /// </summary>
    private sealed class WatchingBackend(string folder, string output) : IBackend
    {
        private int prepared;

        public bool SawTemporaryFile { get; private set; }

        public bool OutputExistedDuringCheck { get; private set; }

        public Action? DuringCheck { get; init; }

        public string Name => Numerics.OnnxRuntime.Name;

        public IModelBackend Prepare(Model model)
        {
            if (Interlocked.Increment(ref prepared) == 2)
            {
                var deadline = DateTime.UtcNow.AddSeconds(60);
                while (!(SawTemporaryFile = Directory.GetFiles(folder, ".*.tmp").Length > 0) && DateTime.UtcNow < deadline) Thread.Sleep(5);
                OutputExistedDuringCheck = File.Exists(output);
                DuringCheck?.Invoke();
            }
            return Numerics.OnnxRuntime.Prepare(model);
        }

        public IModelBackend Open(string path) => Numerics.OnnxRuntime.Open(path);
    }
}
