using OnnxKit.Optimizer.Quantization.Calibration;

namespace OnnxKit.Optimizer.Quantization.Reporting;

/// <summary>A small histogram for reports: counts in equal bins over [<see cref="Min"/>, <see cref="Max"/>], the span where values were seen.</summary>
/// <param name="Min">The lower edge of the first bin.</param>
/// <param name="Max">The upper edge of the last bin.</param>
/// <param name="Counts">The counts, from <paramref name="Min"/> up.</param>
public sealed record HistogramSummary(double Min, double Max, IReadOnlyList<long> Counts)
{
    /// <summary>Re-bins the occupied span of <paramref name="histogram"/> into <paramref name="bins"/> bins; null when it holds nothing.</summary>
    public static HistogramSummary? Of(Histogram histogram, int bins = 64)
    {
        var counts = histogram.Counts;
        int first = 0, last = counts.Count - 1;
        while (first <= last && counts[first] == 0) first++;
        while (last >= first && counts[last] == 0) last--;
        if (first > last || histogram.Radius == 0) return null;
        int span = last - first + 1;
        var result = new long[Math.Min(bins, span)];
        for (int k = first; k <= last; k++) result[(long)(k - first) * result.Length / span] += counts[k];
        return new HistogramSummary(histogram.LowerEdge(first), histogram.LowerEdge(last + 1), result);
    }

    /// <summary>The histogram of a set of values.</summary>
    public static HistogramSummary? Of(ReadOnlySpan<float> values, int bins = 64)
    {
        var histogram = new Histogram();
        histogram.Add(values);
        return Of(histogram, bins);
    }
}
