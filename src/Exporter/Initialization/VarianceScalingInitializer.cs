namespace OnnxKit.Exporter.Initialization;

/// <summary>Which fan a <see cref="VarianceScalingInitializer"/> divides by.</summary>
public enum FanMode
{
    /// <summary>Fan-in (He, LeCun).</summary>
    FanIn,
    /// <summary>Fan-out.</summary>
    FanOut,
    /// <summary>The mean of fan-in and fan-out (Glorot).</summary>
    FanAverage,
}

/// <summary>The distribution a <see cref="VarianceScalingInitializer"/> samples.</summary>
public enum VarianceDistribution
{
    /// <summary>A normal distribution truncated at two standard deviations (resampled beyond).</summary>
    TruncatedNormal,
    /// <summary>A plain normal distribution.</summary>
    UntruncatedNormal,
    /// <summary>A uniform distribution.</summary>
    Uniform,
}

/// <summary>
/// Keras's VarianceScaling family, the basis of Glorot, He and LeCun initialization: with
/// n the chosen fan and s the scale, a truncated normal has standard deviation
/// √(s/n)/0.87962566 (so the truncated distribution has variance s/n), a normal √(s/n), and
/// a uniform distribution the limits ±√(3s/n).
/// </summary>
public sealed class VarianceScalingInitializer(string name, double scale, FanMode mode, VarianceDistribution distribution) : Initializer
{
    // Standard deviation of a standard normal truncated to [-2, 2].
    private const double TruncatedStdDev = 0.87962566103423978;

    /// <inheritdoc/>
    public override string Name { get; } = name;

    /// <summary>The scale s.</summary>
    public double Scale { get; } = scale;

    /// <summary>The fan used.</summary>
    public FanMode Mode { get; } = mode;

    /// <summary>The distribution sampled.</summary>
    public VarianceDistribution Distribution { get; } = distribution;

    /// <inheritdoc/>
    public override void FillChunk(Span<float> destination, long chunkIndex, in InitializerContext context)
    {
        double fan = Mode switch
        {
            FanMode.FanIn => context.FanIn,
            FanMode.FanOut => context.FanOut,
            _ => (context.FanIn + context.FanOut) / 2.0,
        };
        double variance = Scale / Math.Max(1.0, fan);
        var random = new SeededRandom(context.Seed, (ulong)chunkIndex);
        switch (Distribution)
        {
            case VarianceDistribution.Uniform:
                double limit = Math.Sqrt(3 * variance);
                for (int i = 0; i < destination.Length; i++) destination[i] = (float)((random.NextDouble() * 2 - 1) * limit);
                break;
            case VarianceDistribution.UntruncatedNormal:
                double sigma = Math.Sqrt(variance);
                for (int i = 0; i < destination.Length; i++) destination[i] = (float)(random.NextNormal() * sigma);
                break;
            default:
                double stddev = Math.Sqrt(variance) / TruncatedStdDev;
                for (int i = 0; i < destination.Length; i++)
                {
                    double sample;
                    do { sample = random.NextNormal(); } while (Math.Abs(sample) > 2);
                    destination[i] = (float)(sample * stddev);
                }
                break;
        }
    }
}
