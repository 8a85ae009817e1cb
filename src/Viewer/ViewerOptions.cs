using OnnxKit.Viewer.Profiles;
using OnnxKit.Viewer.Statistics;

namespace OnnxKit.Viewer;

/// <summary>What goes into a graph page besides the model itself.</summary>
public sealed record ViewerOptions
{
    /// <summary>Per-node times to overlay (from <c>onnxkit bench --profile</c> or ONNX Runtime's profiler); null for none.</summary>
    public NodeTimings? Timings { get; init; }

    /// <summary>Most elements read from one weight to compute its statistics; larger weights are sampled.</summary>
    public int StatisticsBudget { get; init; } = TensorStatisticsCalculator.DefaultElementBudget;
}
