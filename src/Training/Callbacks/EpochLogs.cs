using System.Globalization;

namespace OnnxKit.Training.Callbacks;

/// <summary>
/// The figures of one epoch, by Keras's names: <c>loss</c> and each metric over the training
/// examples (averaged over the epoch's steps, weighted by batch size), <c>val_loss</c> and
/// <c>val_</c>metrics over the validation examples (after the epoch, inference mode), and
/// <c>lr</c>, the learning rate of the epoch's last step.
/// </summary>
public sealed class EpochLogs
{
    private readonly List<KeyValuePair<string, double>> values;

    internal EpochLogs(int epoch, TimeSpan duration, IEnumerable<KeyValuePair<string, double>> values)
    {
        Epoch = epoch;
        Duration = duration;
        this.values = values.ToList();
    }

    /// <summary>The epoch, counted from 1.</summary>
    public int Epoch { get; }

    /// <summary>How long the epoch took, validation included.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The figures, in a fixed order (loss, metrics, validation loss and metrics, learning rate).</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Values => values;

    /// <summary>The figure named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such figure; the message lists those there are.</exception>
    public double this[string name] => TryGet(name) ?? throw new KeyNotFoundException($"No figure '{name}' in the epoch's logs; there are {string.Join(", ", values.Select(v => v.Key))}.");

    /// <summary>The figure named <paramref name="name"/>, or null.</summary>
    public double? TryGet(string name) => values.FindIndex(v => v.Key == name) is int i and >= 0 ? values[i].Value : null;

    /// <summary>Formats the figures as Keras's progress line does: <c>loss: 0.3121 - accuracy: 0.8871</c>.</summary>
    public override string ToString() =>
        string.Join(" - ", values.Select(v => $"{v.Key}: {v.Value.ToString(v.Key == "lr" ? "G4" : "F4", CultureInfo.InvariantCulture)}"));
}
