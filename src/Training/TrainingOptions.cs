namespace OnnxKit.Training;

/// <summary>How a compiled model trains, besides its loss and optimizer.</summary>
public sealed record TrainingOptions
{
    /// <summary>
    /// Seeds everything random: the initial values of weights that have none assigned, the
    /// order of examples in every epoch, and Dropout's masks. The same seed, data and options
    /// give bit-for-bit the same weights.
    /// </summary>
    public ulong Seed { get; init; }

    /// <summary>
    /// Threads ONNX Runtime uses inside an operator; 0 lets it choose (one per core). Results are
    /// bit-for-bit repeatable for a given thread count (see docs/training.md).
    /// </summary>
    public int IntraOpThreads { get; init; }
}
