using OnnxKit.Training.Callbacks;

namespace OnnxKit.Training;

/// <summary>What <see cref="CompiledModel.Fit"/> did: each epoch's figures, and why it stopped early, if it did.</summary>
public sealed class TrainingHistory
{
    internal TrainingHistory(IReadOnlyList<EpochLogs> epochs, string? stopReason, long steps)
    {
        Epochs = epochs;
        StopReason = stopReason;
        Steps = steps;
    }

    /// <summary>The figures of each epoch run, in order.</summary>
    public IReadOnlyList<EpochLogs> Epochs { get; }

    /// <summary>Why a callback stopped training before the last epoch, or null.</summary>
    public string? StopReason { get; }

    /// <summary>The number of training steps run.</summary>
    public long Steps { get; }

    /// <summary>The figure <paramref name="name"/> of every epoch (Keras's <c>history.history[name]</c>).</summary>
    public IReadOnlyList<double> this[string name] => Epochs.Select(e => e[name]).ToArray();
}
