using System.Globalization;

namespace OnnxKit.Training.Callbacks;

/// <summary>
/// Writes Keras's per-epoch progress line: <c>Epoch 3/10 - 41.2s - loss: 0.3121 - accuracy: 0.8871 - val_loss: … - lr: 0.001</c>,
/// and why training stopped early, if it did.
/// </summary>
public sealed class ProgressLogger(TextWriter writer) : Callback
{
    /// <inheritdoc/>
    public override void OnEpochEnd(TrainingContext context, EpochLogs logs) =>
        writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Epoch {logs.Epoch}/{context.Epochs} - {logs.Duration.TotalSeconds:F1}s - {logs}"));

    /// <inheritdoc/>
    public override void OnTrainEnd(TrainingContext context)
    {
        if (context.StopReason is { } reason) writer.WriteLine($"Stopped: {reason}.");
    }
}
