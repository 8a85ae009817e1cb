namespace OnnxKit.Training.Callbacks;

/// <summary>
/// The figure a callback watches (<c>val_loss</c>, <c>val_accuracy</c>, ...) and the best value
/// seen: whether lower or higher is better follows the name (accuracies are maximized, anything
/// else minimized), and a value improves on the best only by more than <see cref="MinDelta"/>.
/// </summary>
internal sealed class MonitoredFigure
{
    public MonitoredFigure(string name, double minDelta)
    {
        if (!(minDelta >= 0)) throw new ArgumentOutOfRangeException(nameof(minDelta), $"The minimum change must be non-negative; got {minDelta}.");
        Name = name;
        MinDelta = minDelta;
        HigherIsBetter = name.Contains("acc", StringComparison.Ordinal);
        Best = HigherIsBetter ? double.NegativeInfinity : double.PositiveInfinity;
    }

    public string Name { get; }

    public double MinDelta { get; }

    public bool HigherIsBetter { get; }

    public double Best { get; private set; }

    /// <summary>Reads the figure from <paramref name="logs"/>; true (and a new best) when it improved.</summary>
    /// <exception cref="OnnxKitException">The logs have no such figure (validation figures need validation data).</exception>
    public bool Improved(EpochLogs logs)
    {
        double value = logs.TryGet(Name) ?? throw new OnnxKitException(
            $"The monitored figure '{Name}' is not in the epoch's logs ({string.Join(", ", logs.Values.Select(v => v.Key))}){(Name.StartsWith("val_", StringComparison.Ordinal) ? "; give validation data" : "")}.");
        bool better = HigherIsBetter ? value > Best + MinDelta : value < Best - MinDelta;
        if (better) Best = value;
        return better;
    }
}
