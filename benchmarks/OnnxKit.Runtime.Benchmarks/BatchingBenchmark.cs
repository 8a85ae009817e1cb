using System.Diagnostics;
using System.Diagnostics.Metrics;
using OnnxKit.Ir;
using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Runtime.Serving;

namespace OnnxKit.Runtime.Benchmarks;

/// <summary>
/// 32 concurrent callers each send one image (batch 1) at a time to a small CNN for a fixed
/// time. Unbatched: every caller runs its own request on one shared ONNX Runtime session
/// (which is thread-safe) and, as a second baseline, through the engine without batching.
/// Batched: the engine merges waiting requests into runs of up to 32 rows. All three use
/// ONNX Runtime's default threading and the engines' default pool of one session. Prints
/// throughput and latency percentiles of each, and the batched-over-unbatched throughput ratios.
/// </summary>
internal static class BatchingBenchmark
{
    private const int Callers = 32;

    private static readonly SessionSettings Settings = new();

    public static int Run(string model, double seconds, double maxWaitMilliseconds = 2, int maxBatch = 32)
    {
        var input = Enumerable.Range(0, 768).Select(i => (float)Math.Sin(i)).ToArray();
        var duration = TimeSpan.FromSeconds(seconds);
        ThreadPool.SetMinThreads(Callers + 8, Callers + 8);

        Report direct;
        using (var session = OnnxSession.Open(model, Settings))
        {
            var tensor = DenseTensor.FromFloats(input, [1, 3, 16, 16]);
            var inputs = new Dictionary<string, ITensor> { ["x"] = tensor };
            direct = Measure("unbatched: 32 callers on one session", duration, () =>
            {
                session.Run(inputs);
                return Task.CompletedTask;
            });
        }
        Report engineUnbatched = MeasureEngine("unbatched: engine, no batching", model, null, input, duration);
        Report batched = MeasureEngine($"batched: engine, max {maxBatch} rows, max wait {maxWaitMilliseconds} ms", model,
            new DynamicBatchingOptions { MaxBatchSize = maxBatch, MaxWait = TimeSpan.FromMilliseconds(maxWaitMilliseconds) }, input, duration);

        Console.WriteLine($"batched/unbatched throughput: {batched.Throughput / engineUnbatched.Throughput:0.00}x against the engine without batching, " +
                          $"{batched.Throughput / direct.Throughput:0.00}x against direct session calls (goal: at least 2x)");
        return 0;
    }

    private static Report MeasureEngine(string label, string model, DynamicBatchingOptions? batching, float[] input, TimeSpan duration)
    {
        long runs = 0, requests = 0;
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == "OnnxKit.Runtime" && instrument.Name == "onnxkit.inference.batch_size") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<int>((_, size, _, _) =>
        {
            Interlocked.Increment(ref runs);
            Interlocked.Add(ref requests, size);
        });
        listener.Start();
        using var engine = new InferenceEngine(new InferenceEngineOptions
        {
            ModelPath = model, Batching = batching, QueueCapacity = 4 * Callers, Session = Settings,
        });
        var report = Measure(label, duration, () => engine.RunAsync(input, [1, 3, 16, 16]));
        Console.WriteLine($"  mean requests per run: {(double)Interlocked.Read(ref requests) / Math.Max(1, Interlocked.Read(ref runs)):0.0}");
        return report;
    }

    private static Report Measure(string label, TimeSpan duration, Func<Task> call)
    {
        for (int i = 0; i < 20; i++) call().GetAwaiter().GetResult();
        var latencies = new List<double>[Callers];
        long deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long start = Stopwatch.GetTimestamp();
        var tasks = Enumerable.Range(0, Callers).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = new List<double>(4096);
            while (Stopwatch.GetTimestamp() < deadline)
            {
                long t = Stopwatch.GetTimestamp();
                await call();
                mine.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            }
        })).ToArray();
        Task.WaitAll(tasks);
        double wall = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var stats = LatencyStatistics.From(latencies.SelectMany(l => l));
        var report = new Report(stats.Count / wall, stats);
        Console.WriteLine($"{label}: {report.Throughput:0} requests/s, latency p50 {stats.P50:0.00} ms, p99 {stats.P99:0.00} ms, max {stats.Max:0.00} ms ({stats.Count} requests)");
        return report;
    }

    private sealed record Report(double Throughput, LatencyStatistics Latency);
}
