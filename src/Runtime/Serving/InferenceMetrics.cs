using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// The engine's instruments on the <c>OnnxKit.Runtime</c> meter (collect them with
/// OpenTelemetry or <c>dotnet-counters</c>); every measurement is tagged with the model name.
/// </summary>
internal sealed class InferenceMetrics
{
    private static readonly Meter Meter = new(InferenceTelemetry.MeterName, typeof(InferenceMetrics).Assembly.GetName().Version?.ToString());
    private static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("onnxkit.inference.duration", "ms",
        "Time from a request's arrival to its result, queueing included.");
    private static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("onnxkit.inference.batch_size", "{request}",
        "Requests merged into one run.");
    private static readonly UpDownCounter<int> QueueLength = Meter.CreateUpDownCounter<int>("onnxkit.inference.queue_length", "{request}",
        "Requests waiting for a run.");
    private static readonly Counter<long> Rejected = Meter.CreateCounter<long>("onnxkit.inference.rejected", "{request}",
        "Requests refused because the queue was full.");

    private readonly KeyValuePair<string, object?> model;

    public InferenceMetrics(string modelName) => model = new("model", modelName);

    public void Completed(long startTimestamp) => Duration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds, model);

    public void Batch(int requests) => BatchSize.Record(requests, model);

    public void Enqueued() => QueueLength.Add(1, model);

    public void Dequeued(int count = 1) => QueueLength.Add(-count, model);

    public void Refused() => Rejected.Add(1, model);
}
