namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>
/// What calibration has seen of one tensor, updated batch by batch in constant memory: the
/// extremes, the moving averages of each batch's extremes (new = old·(1 − c) + batch·c, the first
/// batch taken as is), the mean and spread, and optionally a growing <see cref="Histogram"/>.
/// </summary>
public sealed class TensorStatistics
{
    private readonly double averagingConstant;
    private double sum, sumOfSquares;

    /// <summary>Empty statistics; <paramref name="bins"/> &gt; 0 also keeps a histogram.</summary>
    public TensorStatistics(int bins = 0, double averagingConstant = 0.01)
    {
        this.averagingConstant = averagingConstant;
        if (bins > 0) Histogram = new Histogram(bins);
    }

    /// <summary>The smallest finite value seen.</summary>
    public double Min { get; private set; } = double.PositiveInfinity;

    /// <summary>The largest finite value seen.</summary>
    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>The moving average of the batches' minima.</summary>
    public double AverageMin { get; private set; }

    /// <summary>The moving average of the batches' maxima.</summary>
    public double AverageMax { get; private set; }

    /// <summary>Finite values seen.</summary>
    public long Count { get; private set; }

    /// <summary>Values exactly 0 (ReLU outputs hold many), which any range holding 0 represents exactly.</summary>
    public long Zeros { get; private set; }

    /// <summary>Batches seen.</summary>
    public int Batches { get; private set; }

    /// <summary>NaN or infinite values seen (not counted anywhere else).</summary>
    public long NonFinite { get; private set; }

    /// <summary>The mean of the finite values.</summary>
    public double Mean => Count == 0 ? 0 : sum / Count;

    /// <summary>The standard deviation of the finite values.</summary>
    public double StandardDeviation => Count == 0 ? 0 : Math.Sqrt(Math.Max(0, sumOfSquares / Count - Mean * Mean));

    /// <summary>The histogram, when kept.</summary>
    public Histogram? Histogram { get; }

    /// <summary>Adds one batch of the tensor's values.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (float v in values)
        {
            if (!float.IsFinite(v))
            {
                NonFinite++;
                continue;
            }
            if (v < min) min = v;
            if (v > max) max = v;
            if (v == 0) Zeros++;
            sum += v;
            sumOfSquares += (double)v * v;
            Count++;
        }
        if (double.IsInfinity(min)) return;
        Min = Math.Min(Min, min);
        Max = Math.Max(Max, max);
        (AverageMin, AverageMax) = Batches == 0 ? (min, max)
            : (AverageMin * (1 - averagingConstant) + min * averagingConstant, AverageMax * (1 - averagingConstant) + max * averagingConstant);
        Batches++;
        Histogram?.Add(values);
    }
}
