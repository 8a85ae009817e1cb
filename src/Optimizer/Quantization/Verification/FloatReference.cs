namespace OnnxKit.Optimizer.Quantization.Verification;

/// <summary>
/// The float model's outputs on the evaluation samples, kept after the first comparison so that
/// later candidates (the accuracy budget's) are compared without running the float model again.
/// Holds every output of every batch, so it is sized by the evaluation set's outputs.
/// </summary>
internal sealed class FloatReference
{
    /// <summary>Per batch: each output's values and dims.</summary>
    public List<Dictionary<string, (float[] Values, long[] Dims)>> Batches { get; } = [];

    /// <summary>Per batch: the labels, when given.</summary>
    public List<IReadOnlyList<int>?> Labels { get; } = [];

    /// <summary>The graph outputs compared, in order.</summary>
    public required IReadOnlyList<string> OutputNames { get; init; }

    /// <summary>The output top-1 accuracy is read from: the first with a class axis.</summary>
    public string? ClassOutput { get; set; }

    /// <summary>Float top-1 hits on labelled samples, and the labelled samples.</summary>
    public (long Hits, long Samples) FloatHits { get; set; }
}
