namespace OnnxKit.Training.Schedules;

/// <summary>
/// The learning rate of each step as a function of training progress. The rate is an input of
/// the training graph, so a schedule changes it every step without rebuilding anything.
/// </summary>
public abstract class LearningRateSchedule
{
    /// <summary>The rate for <paramref name="step"/> (counted from 0 over the whole run) of <paramref name="totalSteps"/>, in epoch <paramref name="epoch"/> (from 0).</summary>
    /// <param name="initial">The optimizer's learning rate.</param>
    /// <param name="epoch">The current epoch, from 0.</param>
    /// <param name="step">The step, from 0, over the whole run.</param>
    /// <param name="totalSteps">The number of steps the run will take if not stopped early.</param>
    public abstract double Rate(double initial, int epoch, long step, long totalSteps);

    /// <summary>The rate times <paramref name="factor"/> every <paramref name="epochs"/> epochs (Keras's step decay).</summary>
    public static LearningRateSchedule StepDecay(int epochs, double factor) => new StepDecaySchedule(epochs, factor);

    /// <summary>Cosine decay from the initial rate to <paramref name="minFraction"/> of it over the run's steps (Keras's CosineDecay).</summary>
    public static LearningRateSchedule Cosine(double minFraction = 0) => new CosineSchedule(minFraction);
}
