using Microsoft.Extensions.Logging;
using OnnxKit.Ir;
using OnnxKit.Runtime.Serving;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;

namespace OnnxKit.Runtime.Tests.Serving;

/// <summary>What <see cref="OnnxSession"/> and the dynamic batcher log, and the activity each session run starts.</summary>
public sealed class RuntimeLoggingTests
{
    private static readonly byte[] Cnn = OnnxFile.ToBytes(RuntimeTestModels.SmallCnn());

    private static float[] Image(int seed) => Enumerable.Range(0, 768).Select(i => (float)Math.Sin(i * 0.1 + seed)).ToArray();

    [Fact]
    public void A_session_logs_its_creation_and_each_run_is_an_activity()
    {
        var log = new CollectingLogger();
        using var recorder = new ActivityRecorder();
        using var session = OnnxSession.FromBytes(Cnn, new SessionSettings { Logger = log }, "cnn-logged");
        session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(Image(0), [1, 3, 16, 16]) });

        Assert.Contains(log.Messages, m => m.Level == LogLevel.Information && m.Text.StartsWith("Session for cnn-logged created on Cpu in ", StringComparison.Ordinal));
        var run = Assert.Single(recorder.ForModel("cnn-logged"));
        Assert.Equal(OnnxSession.RunActivityName, run.OperationName);
        Assert.Equal("CPUExecutionProvider", run.GetTagItem("onnxkit.provider"));
    }

    [Fact]
    public async Task The_batcher_logs_each_batch_through_the_engines_logger()
    {
        var log = new CollectingLogger();
        var options = new InferenceEngineOptions
        {
            ModelBytes = Cnn, Name = "cnn-batch-log", PoolSize = 1,
            Batching = new DynamicBatchingOptions { MaxBatchSize = 8, MaxWait = TimeSpan.FromMilliseconds(20) },
        };
        await using (var engine = new InferenceEngine(options, log))
        {
            await Task.WhenAll(Enumerable.Range(0, 8).Select(seed => engine.RunAsync(Image(seed), [1, 3, 16, 16])));
        }
        var batches = log.Messages.Where(m => m.Level == LogLevel.Debug && m.Text.StartsWith("Model cnn-batch-log: ran a batch of ", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(batches);
        // Every request is in exactly one logged batch: the rows logged add up to the eight sent.
        Assert.Equal(8, batches.Sum(m => int.Parse(m.Text.Split(", ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(log.Messages, m => m.Text.StartsWith("Session for cnn-batch-log created on Cpu", StringComparison.Ordinal)); // the engine's logger reaches its sessions
        Assert.Contains(log.Messages, m => m.Text.StartsWith("Serving model cnn-batch-log", StringComparison.Ordinal));
    }

    /// <summary>
    /// Keeps every message logged, at every level. (A test double of a dozen lines; the fakes package would add a
    /// dependency tree to the tests for this alone.)
    /// </summary>
    private sealed class CollectingLogger : ILogger<InferenceEngine>
    {
        private readonly List<(LogLevel Level, string Text)> messages = [];

        public IReadOnlyList<(LogLevel Level, string Text)> Messages
        {
            get { lock (messages) return messages.ToArray(); }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (messages) messages.Add((logLevel, formatter(state, exception)));
        }
    }
}
