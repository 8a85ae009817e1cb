namespace OnnxKit.Training.Callbacks;

/// <summary>
/// Stops training when the monitored figure has not improved for <see cref="Patience"/> epochs
/// in a row (Keras's EarlyStopping); with <see cref="RestoreBestWeights"/>, training ends with
/// the weights of the best epoch rather than the last.
/// </summary>
public sealed class EarlyStopping(string monitor = "val_loss", int patience = 0, double minDelta = 0, bool restoreBestWeights = false) : Callback
{
    private readonly MonitoredFigure figure = new(monitor, minDelta);
    private int waited;
    private TrainingState? best;

    /// <summary>The epochs without improvement tolerated.</summary>
    public int Patience { get; } = patience >= 0 ? patience : throw new ArgumentOutOfRangeException(nameof(patience));

    /// <summary>Whether the best epoch's weights are restored at the end.</summary>
    public bool RestoreBestWeights { get; } = restoreBestWeights;

    /// <summary>The epoch (from 1) at which training was stopped, or 0.</summary>
    public int StoppedEpoch { get; private set; }

    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs)
    {
        if (figure.Improved(logs))
        {
            waited = 0;
            if (RestoreBestWeights) best = context.SaveState();
            return;
        }
        if (++waited <= Patience) return;
        StoppedEpoch = logs.Epoch;
        context.Stop($"early stopping: {figure.Name} did not improve on {figure.Best:G6} for {waited} epoch{(waited == 1 ? "" : "s")}");
    }

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (best is not null) context.RestoreState(best);
    }
}
