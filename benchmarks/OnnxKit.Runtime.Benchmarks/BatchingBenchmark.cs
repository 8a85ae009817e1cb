using System.Diagnostics;
using System.Diagnostics.Metrics;
using OnnxKit.Ir;
using OnnxKit.Runtime.Benchmarking;
using OnnxKit.Runtime.Serving;

namespace OnnxKit.Runtime.Benchmarks;

/// <summary>
/// 32 concurrent callers each send one image (batch 1) at a time to a CNN for a fixed
/// time; the model's single float input gives the image's shape (its first dimension, the
/// batch, set to 1). Unbatched: every caller runs its own request on one shared ONNX Runtime
/// session (which is thread-safe), and through the engine without batching. Batched: the
/// engine merges waiting requests into runs of up to 32 rows. The engines run with one run at
/// a time (their default) and with one per core. All use ONNX Runtime's default threading.
/// Prints throughput and latency percentiles of each, and the best batched throughput over
/// the best unbatched one, so no baseline is picked to flatter batching.
/// </summary>
internal static class BatchingBenchmark
{
    private const int Callers = 32;

    private static readonly SessionSettings Settings = new();

    public static int Run(string model, double seconds, double maxWaitMilliseconds = 2, int maxBatch = 32)
    {
        var duration = TimeSpan.FromSeconds(seconds);
        ThreadPool.SetMinThreads(Callers + 8, Callers + 8);

        var unbatched = new List<Report>();
        long[] shape;
        float[] input;
        using (var session = OnnxSession.Open(model, Settings))
        {
            var spec = session.Inputs.Single();
            shape = [1, .. spec.Shape!.Skip(1).Select(d => d.Value ?? throw new InvalidOperationException($"{spec} has a symbolic dimension besides the batch."))];
            input = Enumerable.Range(0, (int)shape.Aggregate(1L, (a, b) => a * b)).Select(i => (float)Math.Sin(i)).ToArray();
            Console.WriteLine($"{Path.GetFileName(model)}: input {spec.Name} [{string.Join("x", shape)}] per request");
            var tensor = DenseTensor.FromFloats(input, shape);
            var inputs = new Dictionary<string, ITensor> { [spec.Name] = tensor };
            unbatched.Add(Measure("unbatched: 32 callers on one session", duration, () =>
            {
                session.Run(inputs);
                return Task.CompletedTask;
            }));
        }
        var batched = new List<Report>();
        var batching = new DynamicBatchingOptions { MaxBatchSize = maxBatch, MaxWait = TimeSpan.FromMilliseconds(maxWaitMilliseconds) };
        foreach (int runsAtOnce in new[] { 1, Environment.ProcessorCount }.Distinct())
        {
            unbatched.Add(MeasureEngine($"unbatched: engine, {runsAtOnce} run(s) at once", model, null, input, shape, runsAtOnce, duration));
            batched.Add(MeasureEngine($"batched: engine, max {maxBatch} rows, max wait {maxWaitMilliseconds} ms, {runsAtOnce} run(s) at once", model,
                batching, input, shape, runsAtOnce, duration));
        }

        var (best, baseline) = (batched.MaxBy(r => r.Throughput)!, unbatched.MaxBy(r => r.Throughput)!);
        Console.WriteLine($"best batched / best unbatched throughput: {best.Throughput / baseline.Throughput:0.00}x " +
                          $"({best.Label} / {baseline.Label}; goal: at least 2x); " +
                          $"with one run at a time, batched / unbatched engine: {batched[0].Throughput / unbatched[1].Throughput:0.00}x");
        return 0;
    }

    private static Report MeasureEngine(string label, string model, DynamicBatchingOptions? batching, float[] input, long[] shape, int runsAtOnce, TimeSpan duration)
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
            ModelPath = model, Batching = batching, PoolSize = runsAtOnce, QueueCapacity = 4 * Callers, Session = Settings,
        });
        var report = Measure(label, duration, () => engine.RunAsync(input, shape));
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
        var report = new Report(label, stats.Count / wall, stats);
        Console.WriteLine($"{label}: {report.Throughput:0} requests/s, latency p50 {stats.P50:0.00} ms, p99 {stats.P99:0.00} ms, max {stats.Max:0.00} ms ({stats.Count} requests)");
        return report;
    }

    private sealed record Report(string Label, double Throughput, LatencyStatistics Latency);
}
