using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests.Benchmarking;

public sealed class ModelBenchmarkTests
{
    [Fact]
    public void Measures_each_batch_size_with_concurrent_callers_and_no_managed_allocation()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn.onnx"));
        var options = new BenchmarkOptions { Warmup = 2, Iterations = 30, BatchSizes = [1, 4], Concurrency = 2, Session = new SessionSettings { IntraOpThreads = 1 } };
        var progress = new List<double>();
        var results = ModelBenchmark.Run(dir.File("cnn.onnx"), options, new Recorder(p => progress.Add(p.Fraction)));

        Assert.Equal([1, 4], results.Select(r => r.Batch));
        Assert.Equal(["x=1x3x16x16"], results[0].InputShapes);
        Assert.Equal(["x=4x3x16x16"], results[1].InputShapes);
        foreach (var r in results)
        {
            Assert.Equal(30, r.Latency.Count);
            Assert.Equal(0, r.ManagedBytesPerRun);
            Assert.Equal(r.RunsPerSecond * r.Batch!.Value, r.ItemsPerSecond, 6);
            Assert.True(r.Latency.P50 <= r.Latency.P99 && r.Latency.P99 <= r.Latency.Max);
            Assert.Equal("CPUExecutionProvider", r.Provider);
            Assert.True(r.PeakWorkingSetBytes > 0);
        }
        Assert.Equal(1.0, progress[^1]);
    }

    [Fact]
    public void A_duration_budget_and_the_profiler_work_together()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn.onnx"));
        var options = new BenchmarkOptions { Warmup = 1, Duration = TimeSpan.FromMilliseconds(200), Profile = true, ProfileTop = 3 };
        var result = ModelBenchmark.Run(dir.File("cnn.onnx"), options).Single();
        Assert.True(result.Latency.Count > 0);
        Assert.NotNull(result.Profile);
        Assert.InRange(result.Profile!.Count, 1, 3);
        Assert.Contains(result.Profile, op => op.OpType == "Conv");
        Assert.Contains(result.Notes, n => n.Contains("dim 'N' is not fixed"));
    }

    [Fact]
    public void A_batch_the_model_fixes_otherwise_is_refused()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.AddOne(), dir.File("add.onnx"));
        var e = Assert.Throws<OnnxKitException>(() => ModelBenchmark.Run(dir.File("add.onnx"), new BenchmarkOptions { BatchSizes = [8] }));
        Assert.Contains("fixes the first dim of input x: float[1,4] at 1", e.Message);
    }

    [Fact]
    public void Several_models_are_compared_with_the_first()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("a.onnx"));
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("b.onnx"));
        var report = BenchmarkReport.Measure([dir.File("a.onnx"), dir.File("b.onnx")], new BenchmarkOptions { Warmup = 1, Iterations = 10 });
        Assert.Equal(2, report.Results.Count);
        var row = Assert.Single(report.Comparisons);
        Assert.Equal(dir.File("b.onnx"), row.Model);
        Assert.Equal(dir.File("a.onnx"), row.Baseline);
        Assert.Equal(report.Results[1].Latency.P50 / report.Results[0].Latency.P50, row.LatencyRatio, 9);
        Assert.Contains("CPUExecutionProvider", report.Machine.AvailableProviders);
        Assert.True(report.Machine.LogicalCores > 0);
    }

    private sealed class Recorder(Action<BenchmarkProgress> report) : IProgress<BenchmarkProgress>
    {
        public void Report(BenchmarkProgress value) => report(value);
    }
}
