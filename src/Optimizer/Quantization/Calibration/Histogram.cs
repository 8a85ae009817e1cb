namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>
/// A histogram over [−R, R] with a fixed number of equal bins that grows as data arrives: when a
/// value falls outside, R doubles and neighbouring bins merge pairwise (exactly, since the bin
/// count is a multiple of 4 and the range stays centred on 0), so memory stays constant however
/// many samples are observed. R starts at the first batch's largest magnitude. Non-finite values
/// are not counted.
/// </summary>
public sealed class Histogram
{
    private readonly long[] counts;

    /// <summary>An empty histogram of <paramref name="bins"/> bins (a multiple of 4, at least 8).</summary>
    public Histogram(int bins = 2048)
    {
        if (bins < 8 || bins % 4 != 0) throw new ArgumentOutOfRangeException(nameof(bins), "The bin count must be a multiple of 4, at least 8.");
        counts = new long[bins];
    }

    /// <summary>Half the width of the covered range; 0 until a non-zero value has been seen.</summary>
    public double Radius { get; private set; }

    /// <summary>The count in each bin, from −R upwards.</summary>
    public IReadOnlyList<long> Counts => counts;

    /// <summary>The number of bins.</summary>
    public int BinCount => counts.Length;

    /// <summary>The width of one bin.</summary>
    public double BinWidth => 2 * Radius / counts.Length;

    /// <summary>Values counted so far.</summary>
    public long Total { get; private set; }

    /// <summary>Zeros seen before the range was known (counted into the middle once it is).</summary>
    private long pendingZeros;

    /// <summary>The lower edge of bin <paramref name="bin"/>.</summary>
    public double LowerEdge(int bin) => -Radius + bin * BinWidth;

    /// <summary>The centre of bin <paramref name="bin"/>.</summary>
    public double Centre(int bin) => -Radius + (bin + 0.5) * BinWidth;

    /// <summary>Counts a batch of values.</summary>
    public void Add(ReadOnlySpan<float> values)
    {
        double largest = 0;
        foreach (float v in values)
        {
            if (float.IsFinite(v)) largest = Math.Max(largest, Math.Abs(v));
        }
        if (largest > 0) Grow(largest);
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) continue;
            Total++;
            if (Radius == 0)
            {
                pendingZeros++;
                continue;
            }
            counts[BinOf(v)]++;
        }
    }

    private int BinOf(double v) => Math.Clamp((int)Math.Floor((v + Radius) / BinWidth), 0, counts.Length - 1);

    private void Grow(double largest)
    {
        if (Radius == 0)
        {
            Radius = largest;
            counts[BinOf(0)] += pendingZeros;
            pendingZeros = 0;
            return;
        }
        while (largest > Radius)
        {
            int n = counts.Length;
            var merged = new long[n];
            for (int k = 0; k < n; k++) merged[n / 4 + k / 2] += counts[k];
            Array.Copy(merged, counts, n);
            Radius *= 2;
        }
    }
}
