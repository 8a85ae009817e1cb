using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests.Benchmarking;

public sealed class BenchmarkStatisticsTests
{
    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var stats = LatencyStatistics.From(Enumerable.Range(1, 1000).Select(i => (double)i).Reverse());
        Assert.Equal((1000, 1.0, 500.0, 900.0, 950.0, 990.0, 999.0, 1000.0), (stats.Count, stats.Min, stats.P50, stats.P90, stats.P95, stats.P99, stats.P999, stats.Max));
        Assert.Equal(500.5, stats.Mean);
        var one = LatencyStatistics.From([3.0]);
        Assert.Equal(3.0, one.P999);
    }

    [Fact]
    public void A_slower_variant_gets_a_warning_and_a_faster_one_does_not()
    {
        BenchmarkResult Result(string model, double p50) => new(model, 1, [], "CPUExecutionProvider", 1, 10, 1,
            new LatencyStatistics(1, p50, p50, p50, p50, p50, p50, p50, p50), 1000 / p50, 1000 / p50, 50, 1, 0, null, []);
        var rows = BenchmarkComparison.Build([[Result("fp32.onnx", 2.0)], [Result("fp16.onnx", 3.0)], [Result("int8.onnx", 1.0)]]);
        Assert.Equal(1.5, rows[0].LatencyRatio);
        Assert.Equal(2.0 / 3.0, rows[0].ThroughputRatio, 9);
        Assert.Equal("fp16.onnx is 1.50× slower than fp32.onnx at batch 1 (p50 3 ms vs 2 ms).", rows[0].Warning);
        Assert.Null(rows[1].Warning);
        Assert.Equal(0.5, rows[1].LatencyRatio);
    }

    [Fact]
    public void Profiles_sum_kernel_time_per_operator()
    {
        using var dir = new TempFolder();
        File.WriteAllText(dir.File("p.json"), """
            [
              {"cat":"Session","name":"model_run","dur":900,"args":{}},
              {"cat":"Node","name":"conv1_kernel_time","dur":300,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"conv1_fence_before","dur":5,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"conv2_kernel_time","dur":500,"args":{"op_name":"Conv"}},
              {"cat":"Node","name":"relu_kernel_time","dur":200,"args":{"op_name":"Relu"}}
            ]
            """);
        var ops = ProfileReader.TopOperators(dir.File("p.json"), 5);
        Assert.Equal([new OpTime("Conv", 2, 0.8, 80), new OpTime("Relu", 1, 0.2, 20)], ops);
    }
}
