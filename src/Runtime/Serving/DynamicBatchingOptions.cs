namespace OnnxKit.Runtime.Serving;

/// <summary>
/// How an <see cref="InferenceEngine"/> merges concurrent requests into one run: it waits
/// at most <see cref="MaxWait"/> after the first queued request for others to join, up to
/// <see cref="MaxBatchSize"/> rows, runs them as one batch along the first dim, and hands
/// each caller its own rows of the outputs.
/// </summary>
public sealed record DynamicBatchingOptions
{
    /// <summary>The most rows (summed first dims of the merged requests) in one run.</summary>
    public int MaxBatchSize { get; init; } = 32;

    /// <summary>How long the first request of a batch waits for company.</summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.FromMilliseconds(2);
}
