using System.Diagnostics;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// The names under which the inference engine reports: its metrics meter (request duration,
/// batch size, queue length, refusals) and its activity source (one <c>onnxkit.inference</c>
/// activity per request). Subscribe with OpenTelemetry: <c>AddMeter(InferenceTelemetry.MeterName)</c>
/// and <c>AddSource(InferenceTelemetry.ActivitySourceName)</c>.
/// </summary>
public static class InferenceTelemetry
{
    /// <summary>The <see cref="System.Diagnostics.Metrics.Meter"/> name: <c>OnnxKit.Runtime</c>.</summary>
    public const string MeterName = "OnnxKit.Runtime";

    /// <summary>The <see cref="System.Diagnostics.ActivitySource"/> name: <c>OnnxKit.Runtime</c>.</summary>
    public const string ActivitySourceName = "OnnxKit.Runtime";

    /// <summary>The source of the engine's activities.</summary>
    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(InferenceTelemetry).Assembly.GetName().Version?.ToString());
}
