namespace OnnxKit.Training.Callbacks;

/// <summary>
/// Multiplies the learning rate by <see cref="Factor"/> when the monitored figure has not
/// improved for <see cref="Patience"/> epochs (Keras's ReduceLROnPlateau), never below
/// <see cref="MinLearningRate"/>, then waits <see cref="Cooldown"/> epochs before watching again.
/// </summary>
public sealed class ReduceLearningRateOnPlateau(string monitor = "val_loss", double factor = 0.1, int patience = 10,
    double minDelta = 1e-4, int cooldown = 0, double minLearningRate = 0) : Callback
{
    private readonly MonitoredFigure figure = new(monitor, minDelta);
    private int waited;
    private int coolingDown;

    /// <summary>The factor in (0, 1) applied to the learning rate.</summary>
    public double Factor { get; } = factor is > 0 and < 1 ? factor : throw new ArgumentOutOfRangeException(nameof(factor), $"The factor must be in (0, 1); got {factor}.");

    /// <summary>The epochs without improvement tolerated.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience));

    /// <summary>The epochs after a reduction before waiting starts again.</summary>
    public int Cooldown { get; } = cooldown >= 0 ? cooldown : throw new ArgumentOutOfRangeException(nameof(cooldown));

    /// <summary>The floor of the learning rate.</summary>
    public double MinLearningRate { get; } = minLearningRate >= 0 ? minLearningRate : throw new ArgumentOutOfRangeException(nameof(minLearningRate));

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        bool improved = figure.Improved(logs);
        if (coolingDown > 0)
        {
            coolingDown--;
            waited = 0;
        }
        if (improved)
        {
            waited = 0;
            return;
        }
        if (coolingDown > 0 || ++waited <= Patience) return;
        double current = context.LearningRate;
        double next = Math.Max(current * Factor, MinLearningRate);
        if (next < current) context.ScaleLearningRate(next / current);
        coolingDown = Cooldown;
        waited = 0;
    }
}
