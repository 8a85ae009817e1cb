using OnnxKit.Exporter.Networks;
using OnnxKit.Ir;

namespace OnnxKit.Training.Callbacks;

/// <summary>What callbacks see of a training run and may change.</summary>
public sealed class TrainingContext
{
    private readonly Trainer trainer;

    internal TrainingContext(Trainer trainer, Network model, int epochs)
    {
        this.trainer = trainer;
        Model = model;
        Epochs = epochs;
    }

    /// <summary>The model being trained (its weights are updated when training ends, or by <see cref="WriteWeightsToModel"/>).</summary>
    public Network Model { get; }

    /// <summary>The number of epochs asked for.</summary>
    public int Epochs { get; }

    /// <summary>The learning rate of the last step (after the schedule and any scaling).</summary>
    public double LearningRate => trainer.LastLearningRate;

    /// <summary>The factor applied to the scheduled learning rate (1 until a callback scales it).</summary>
    public double LearningRateFactor => trainer.LearningRateFactor;

    /// <summary>Why training was stopped early, or null.</summary>
    public string? StopReason { get; private set; }

    /// <summary>Asks training to stop after the current epoch, recording why.</summary>
    public void Stop(string reason) => StopReason ??= reason;

    /// <summary>Multiplies the learning rate of every later step by <paramref name="factor"/>.</summary>
    public void ScaleLearningRate(double factor)
    {
        if (!(factor > 0) || double.IsInfinity(factor)) throw new ArgumentOutOfRangeException(nameof(factor), $"The factor must be positive and finite; got {factor}.");
        trainer.LearningRateFactor *= factor;
    }

    /// <summary>A copy of the current weights and running statistics, by weight name (<c>dense/kernel</c>).</summary>
    public IReadOnlyDictionary<string, ITensor> ReadWeights() => trainer.Session.ReadWeights();

    /// <summary>A copy of the whole training state, to restore later in this run.</summary>
    public TrainingState SaveState() => new(trainer.Session.Snapshot());

    /// <summary>Makes a state from <see cref="SaveState"/> current again.</summary>
    public void RestoreState(TrainingState state) => trainer.Session.Restore(state.Tensors);

    /// <summary>Assigns the current weights to <see cref="Model"/> (so that it exports them).</summary>
    public void WriteWeightsToModel() => trainer.WriteWeightsToModel();
}
