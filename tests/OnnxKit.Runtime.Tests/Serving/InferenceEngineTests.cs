using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OnnxKit.Ir;
using OnnxKit.Runtime.Serving;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Runtime.Tests.Serving;

public sealed class InferenceEngineTests
{
    private static readonly byte[] Cnn = OnnxFile.ToBytes(RuntimeTestModels.SmallCnn());

    private static float[] Image(int seed) => Enumerable.Range(0, 768).Select(i => (float)Math.Sin(i * 0.1 + seed)).ToArray();

    /// <summary>The reference: each image run alone on a plain session.</summary>
    private static float[] Alone(OnnxSession session, int seed) =>
        session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(Image(seed), [1, 3, 16, 16]) })["probs"].ToArray<float>();

    [Fact]
    public async Task Runs_requests_with_typed_helpers()
    {
        await using var engine = new InferenceEngine(new InferenceEngineOptions { ModelBytes = Cnn, Name = "cnn" });
        using var session = OnnxSession.FromBytes(Cnn);
        var result = await engine.RunAsync(Image(1), [1, 3, 16, 16]);
        Assert.Equal([1L, 10L], result.Dims("probs"));
        Assert.Equal(Alone(session, 1), result.Get<float>("probs"));
        Assert.Throws<InvalidOperationException>(() => result.Get<long>("probs"));
        Assert.Throws<KeyNotFoundException>(() => result["logits"]);
        Assert.False(engine.IsBatching);
    }

    [Fact]
    public async Task Dynamic_batching_merges_concurrent_requests_and_gives_each_its_own_rows()
    {
        var batchSizes = new List<int>();
        using var listener = Listen<int>("onnxkit.inference.batch_size", "cnn-batched", batchSizes.Add);
        var options = new InferenceEngineOptions
        {
            ModelBytes = Cnn, Name = "cnn-batched", PoolSize = 2,
            Batching = new DynamicBatchingOptions { MaxBatchSize = 16, MaxWait = TimeSpan.FromMilliseconds(50) },
        };
        await using var engine = new InferenceEngine(options);
        using var session = OnnxSession.FromBytes(Cnn);
        var requests = Enumerable.Range(0, 32).Select(seed => engine.RunAsync(Image(seed), [1, 3, 16, 16])).ToArray();
        var results = await Task.WhenAll(requests);
        for (int seed = 0; seed < 32; seed++)
        {
            float[] expected = Alone(session, seed), actual = results[seed].Get<float>("probs");
            Assert.Equal([1L, 10L], results[seed].Dims("probs"));
            for (int k = 0; k < 10; k++) Assert.Equal(expected[k], actual[k], 6); // batched kernels may round differently in the last bits
        }
        Assert.True(engine.IsBatching);
        Assert.Equal(32, batchSizes.Sum());
        Assert.True(batchSizes.Max() > 1, $"no requests were merged: batches {string.Join(",", batchSizes)}");
        Assert.True(batchSizes.Max() <= 16);
    }

    [Fact]
    public async Task Requests_of_several_rows_are_split_back_by_their_own_row_counts()
    {
        var options = new InferenceEngineOptions { ModelBytes = Cnn, Batching = new DynamicBatchingOptions { MaxWait = TimeSpan.FromMilliseconds(50) } };
        await using var engine = new InferenceEngine(options);
        using var session = OnnxSession.FromBytes(Cnn);
        float[] two = [.. Image(3), .. Image(4)];
        var pair = engine.RunAsync(two, [2, 3, 16, 16]);
        var single = engine.RunAsync(Image(5), [1, 3, 16, 16]);
        var pairResult = (await pair).Get<float>("probs");
        Assert.Equal(20, pairResult.Length);
        float[] expected = [.. Alone(session, 3), .. Alone(session, 4)];
        for (int k = 0; k < 20; k++) Assert.Equal(expected[k], pairResult[k], 6);
        Assert.Equal(10, (await single).Get<float>("probs").Length);
    }

    [Fact]
    public async Task A_full_queue_refuses_new_requests_at_once()
    {
        var rejected = new List<long>();
        using var listener = Listen<long>("onnxkit.inference.rejected", "cnn-full", rejected.Add);
        var options = new InferenceEngineOptions
        {
            ModelBytes = Cnn, Name = "cnn-full", QueueCapacity = 3,
            Batching = new DynamicBatchingOptions { MaxBatchSize = 64, MaxWait = TimeSpan.FromSeconds(30) },
        };
        var engine = new InferenceEngine(options);
        var waiting = Enumerable.Range(0, 3).Select(i => engine.RunAsync(Image(i), [1, 3, 16, 16])).ToArray();
        var e = await Assert.ThrowsAsync<QueueFullException>(() => engine.RunAsync(Image(9), [1, 3, 16, 16]));
        Assert.Contains("'cnn-full' is full (3 requests waiting)", e.Message);
        Assert.Equal([1L], rejected);
        await engine.DisposeAsync(); // stops gathering: the three waiting requests run now
        Assert.All(await Task.WhenAll(waiting), r => Assert.Equal(10, r.Get<float>("probs").Length));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.RunAsync(Image(1), [1, 3, 16, 16]));
    }

    [Fact]
    public async Task A_cancelled_request_returns_at_once_and_is_dropped()
    {
        var options = new InferenceEngineOptions { ModelBytes = Cnn, Batching = new DynamicBatchingOptions { MaxWait = TimeSpan.FromSeconds(30) } };
        await using var engine = new InferenceEngine(options);
        using var cancel = new CancellationTokenSource();
        var request = engine.RunAsync(Image(0), [1, 3, 16, 16], cancel.Token);
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);
    }

    [Fact]
    public void A_model_with_a_fixed_batch_dim_cannot_be_batched()
    {
        var options = new InferenceEngineOptions { ModelBytes = OnnxFile.ToBytes(RuntimeTestModels.AddOne()), Name = "add", Batching = new DynamicBatchingOptions() };
        var e = Assert.Throws<OnnxKitException>(() => new InferenceEngine(options));
        Assert.Contains("'add' cannot be batched dynamically: x: float[1,4] has a fixed first dim", e.Message);
    }

    [Fact]
    public async Task Latency_is_recorded_per_request()
    {
        var durations = new List<double>();
        using var listener = Listen<double>("onnxkit.inference.duration", "cnn-metrics", durations.Add);
        await using var engine = new InferenceEngine(new InferenceEngineOptions { ModelBytes = Cnn, Name = "cnn-metrics" });
        for (int i = 0; i < 3; i++) await engine.RunAsync(Image(i), [1, 3, 16, 16]);
        Assert.Equal(3, durations.Count);
        Assert.All(durations, d => Assert.True(d > 0));
    }

    [Fact]
    public async Task Registers_with_dependency_injection_plain_and_keyed()
    {
        using var dir = new TempFolder();
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), dir.File("cnn.onnx"));
        var services = new ServiceCollection()
            .AddOnnxKitModel(dir.File("cnn.onnx"), o => o.Batching = new DynamicBatchingOptions())
            .AddOnnxKitModel("second", dir.File("cnn.onnx"));
        InferenceEngine engine, keyed;
        await using (var provider = services.BuildServiceProvider())
        {
            engine = provider.GetRequiredService<InferenceEngine>();
            keyed = provider.GetRequiredKeyedService<InferenceEngine>("second");
            Assert.Same(engine, provider.GetRequiredService<InferenceEngine>());
            Assert.True(engine.IsBatching);
            Assert.Equal("cnn.onnx", engine.Name);
            Assert.Equal("second", keyed.Name);
            Assert.Equal(10, (await keyed.RunAsync(Image(0), [1, 3, 16, 16])).Get<float>("probs").Length);
        }
        await Assert.ThrowsAsync<ObjectDisposedException>(() => engine.RunAsync(Image(0), [1, 3, 16, 16]));
    }

    [Fact]
    public async Task Unbatched_requests_run_off_the_callers_thread_and_the_queue_bound_applies()
    {
        await using var engine = new InferenceEngine(new InferenceEngineOptions { ModelBytes = Cnn, Name = "cnn-unbatched", QueueCapacity = 2, PoolSize = 1, MaxRowsPerRequest = 1024 });
        float[] rows = Enumerable.Range(0, 1024).SelectMany(i => Image(i % 8)).ToArray();
        // A 1024-row run takes tens of milliseconds: a synchronous RunAsync would have finished it before returning,
        // and while it holds the only session the next two requests wait and a third is refused.
        var running = engine.RunAsync(rows, [1024, 3, 16, 16]);
        Assert.False(running.IsCompleted);
        var queued = new[] { engine.RunAsync(Image(1), [1, 3, 16, 16]), engine.RunAsync(Image(2), [1, 3, 16, 16]) };
        Assert.Equal(2, engine.Waiting);
        await Assert.ThrowsAsync<QueueFullException>(() => engine.RunAsync(Image(3), [1, 3, 16, 16]));
        Assert.Equal(10240, (await running).Get<float>("probs").Length);
        Assert.All(await Task.WhenAll(queued), r => Assert.Equal(10, r.Get<float>("probs").Length));
    }

    [Theory]
    [InlineData(0, "a request needs at least one row; got a batch of 0 (shape [0,3,16,16])")]
    [InlineData(5, "a request may carry at most 4 rows; got 5")]
    public async Task A_request_without_rows_or_over_the_row_cap_is_refused(int rows, string message)
    {
        await using var engine = new InferenceEngine(new InferenceEngineOptions { ModelBytes = Cnn, Name = "cnn-rows", MaxRowsPerRequest = 4 });
        var e = await Assert.ThrowsAsync<OnnxKitException>(() => engine.RunAsync(new float[rows * 768], [rows, 3, 16, 16]));
        Assert.Contains($"Model 'cnn-rows', input 'x': {message}", e.Message);
    }

    [Fact]
    public async Task Each_request_is_an_activity_tagged_with_the_model()
    {
        using var recorder = new ActivityRecorder();
        await using var engine = new InferenceEngine(new InferenceEngineOptions { ModelBytes = Cnn, Name = "cnn-traced" });
        await engine.RunAsync(Image(0), [1, 3, 16, 16]);
        await Assert.ThrowsAsync<OnnxKitException>(() => engine.RunAsync(new float[768], [1, 3, 16, 16, 1]));
        var traced = recorder.ForModel("cnn-traced");
        var mine = traced.Where(a => a.OperationName == "onnxkit.inference").ToArray();
        Assert.Equal(2, mine.Length);
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Error], mine.Select(a => a.Status));
        // The session's run is traced inside the request that asked for it.
        var run = Assert.Single(traced, a => a.OperationName == OnnxSession.RunActivityName);
        Assert.Equal(mine[0].SpanId, run.ParentSpanId);
    }

    [Fact]
    public void Invalid_options_are_all_named_at_once()
    {
        var problems = new InferenceEngineOptions { ModelPath = "/nonexistent/model.onnx", PoolSize = 0, QueueCapacity = 0, MaxRowsPerRequest = 0 }.Validate();
        Assert.Equal(4, problems.Count);
        Assert.Contains("ModelPath '/nonexistent/model.onnx' does not exist.", problems);
        var e = Assert.Throws<OnnxKitException>(() => new InferenceEngine(new InferenceEngineOptions { ModelBytes = Cnn, PoolSize = 0 }));
        Assert.Contains("PoolSize must be at least 1 (is 0).", e.Message);
    }

    /// <summary>Collects one instrument's measurements for one model.</summary>
    private static MeterListener Listen<T>(string instrument, string model, Action<T> record) where T : struct
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (i, l) =>
            {
                if (i.Meter.Name == "OnnxKit.Runtime" && i.Name == instrument) l.EnableMeasurementEvents(i);
            },
        };
        var gate = new object();
        listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "model" && (string?)tag.Value == model)
                {
                    lock (gate) record(value);
                }
            }
        });
        listener.Start();
        return listener;
    }
}
