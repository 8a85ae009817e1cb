namespace OnnxKit.Training.Schedules;

/// <summary>η = η₀ · factor^⌊epoch / every⌋.</summary>
internal sealed class StepDecaySchedule : LearningRateSchedule
{
    private readonly int every;
    private readonly double factor;

    public StepDecaySchedule(int every, double factor)
    {
        if (every < 1) throw new ArgumentOutOfRangeException(nameof(every), $"The decay interval must be at least one epoch; got {every}.");
        if (!(factor > 0 && factor <= 1)) throw new ArgumentOutOfRangeException(nameof(factor), $"The decay factor must be in (0, 1]; got {factor}.");
        (this.every, this.factor) = (every, factor);
    }

    /// <inheritdoc/>
    public override double Rate(double initial, int epoch, long step, long totalSteps) => initial * Math.Pow(factor, epoch / every);

    /// <inheritdoc/>
    public override string ToString() => $"step(every {every} epochs x{factor})";
}
