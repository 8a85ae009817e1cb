namespace OnnxKit.Training.Schedules;

/// <summary>η = η₀ · (m + (1 − m) · (1 + cos(π · step / total)) / 2), with m the final fraction.</summary>
internal sealed class CosineSchedule : LearningRateSchedule
{
    private readonly double minFraction;

    public CosineSchedule(double minFraction)
    {
        if (!(minFraction is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(minFraction), $"The final fraction must be in [0, 1]; got {minFraction}.");
        this.minFraction = minFraction;
    }

    /// <inheritdoc/>
    public override double Rate(double initial, int epoch, long step, long totalSteps)
    {
        double progress = totalSteps <= 0 ? 1 : Math.Min(1, (double)step / totalSteps);
        return initial * (minFraction + (1 - minFraction) * 0.5 * (1 + Math.Cos(Math.PI * progress)));
    }

    /// <inheritdoc/>
    public override string ToString() => $"cosine(to {minFraction})";
}
