using System.Diagnostics;
using OnnxKit.Runtime.Serving;

namespace OnnxKit.Runtime.Tests.TestSupport;

/// <summary>Records every activity of the <c>OnnxKit.Runtime</c> source that stops while it is alive.</summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly List<Activity> stopped = [];
    private readonly ActivityListener listener;

    /// <summary>Starts listening.</summary>
    public ActivityRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == InferenceTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity => { lock (stopped) stopped.Add(activity); },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>The stopped activities tagged with <paramref name="model"/>, in the order they stopped.</summary>
    public Activity[] ForModel(string model)
    {
        lock (stopped) return stopped.Where(a => (string?)a.GetTagItem("onnxkit.model") == model).ToArray();
    }

    /// <summary>Stops listening.</summary>
    public void Dispose() => listener.Dispose();
}
