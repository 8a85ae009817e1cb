namespace OnnxKit.Training.Callbacks;

/// <summary>
/// Hooks into <see cref="CompiledModel.Fit"/>, as Keras's callbacks do: called when training
/// begins, after every epoch (with that epoch's logs), and when it ends. A callback reads and
/// changes the run through the <see cref="TrainingContext"/>: it may stop training, scale the
/// learning rate, or read, save and restore the weights.
/// </summary>
public abstract class Callback
{
    /// <summary>Called once before the first epoch.</summary>
    public virtual void OnTrainBegin(TrainingContext context)
    {
    }

    /// <summary>Called after each epoch, with its training and validation figures.</summary>
    public virtual void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
    }

    /// <summary>Called once after the last epoch (or after a callback stopped training).</summary>
    public virtual void OnTrainEnd(TrainingContext context)
    {
    }
}
