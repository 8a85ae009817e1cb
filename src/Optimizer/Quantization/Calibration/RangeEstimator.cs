using OnnxKit.Optimizer.Quantization.Numerics;

namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>
/// Chooses the range a tensor is quantized over from its <see cref="TensorStatistics"/>, by method:
/// <list type="bullet">
/// <item><b>minmax</b>: [min, max] seen, or the moving averages of the batches' extremes.</item>
/// <item><b>percentile P</b>: the range holding P % of the values, the rest split evenly between the
/// tails (symmetric quantization: P % of the magnitudes), read from the histogram.</item>
/// <item><b>entropy</b>: a magnitude threshold t, searched over the histogram's bin edges, minimising the
/// Kullback–Leibler divergence between the observed distribution clipped at t (values beyond counted in
/// the last bin) and that distribution merged into as many levels as the quantized type has on one side
/// of zero (all of them for a tensor that is never negative) and spread back over its non-empty bins. Exact
/// zeros are left out: every range holds 0 exactly, and ReLU's spike of zeros would otherwise pull the threshold
/// down to keep the first bin alone in its level.</item>
/// <item><b>distribution</b>: the threshold t minimising the expected squared error of quantizing the observed
/// distribution: step²/12 for values inside the range (rounding) plus the squared distance to the range
/// for values outside (clipping).</item>
/// </list>
/// Thresholds are magnitudes; the range is [max(min, −t), min(max, t)], so it never reaches past what
/// was seen.
/// </summary>
public static class RangeEstimator
{
    /// <summary>The range for a tensor with statistics <paramref name="statistics"/>.</summary>
    /// <exception cref="InvalidOperationException">The method needs a histogram and none was kept.</exception>
    public static TensorRange Estimate(TensorStatistics statistics, CalibrationMethod method, QuantizedType type, bool symmetric)
    {
        if (statistics.Count == 0) return new TensorRange(0, 0);
        if (method.Kind == CalibrationMethodKind.MinMax)
            return method.MovingAverage ? new TensorRange(statistics.AverageMin, statistics.AverageMax) : new TensorRange(statistics.Min, statistics.Max);
        var histogram = statistics.Histogram ?? throw new InvalidOperationException($"Calibration by {method} needs histograms.");
        if (histogram.Radius == 0) return new TensorRange(statistics.Min, statistics.Max);
        bool oneSided = statistics.Min >= 0;
        var range = method.Kind switch
        {
            CalibrationMethodKind.Percentile when symmetric || oneSided => Clip(statistics, MagnitudeQuantile(histogram, method.Percentile / 100)),
            CalibrationMethodKind.Percentile => TwoSidedPercentile(histogram, method.Percentile / 100),
            CalibrationMethodKind.Entropy => Clip(statistics, EntropyThreshold(histogram, statistics.Zeros, oneSided && !symmetric ? type.Max - type.Min + 1 : (type.Max - type.Min + 1) / 2)),
            _ => MinimumErrorRange(statistics, histogram, type, symmetric),
        };
        return new TensorRange(Math.Max(range.Min, statistics.Min), Math.Min(range.Max, statistics.Max));
    }

    private static TensorRange Clip(TensorStatistics s, double threshold) => new(Math.Max(s.Min, -threshold), Math.Min(s.Max, threshold));

    /// <summary>Counts of |x| in <see cref="Histogram.BinCount"/>/2 bins of the same width, from 0 up.</summary>
    private static long[] Magnitudes(Histogram histogram)
    {
        int half = histogram.BinCount / 2;
        var folded = new long[half];
        for (int k = 0; k < half; k++) folded[k] = histogram.Counts[half + k] + histogram.Counts[half - 1 - k];
        return folded;
    }

    private static double MagnitudeQuantile(Histogram histogram, double share)
    {
        var folded = Magnitudes(histogram);
        double target = share * folded.Sum();
        long cumulative = 0;
        for (int k = 0; k < folded.Length; k++)
        {
            cumulative += folded[k];
            if (cumulative >= target) return (k + 1) * histogram.BinWidth;
        }
        return histogram.Radius;
    }

    private static TensorRange TwoSidedPercentile(Histogram histogram, double share)
    {
        double tail = (1 - share) / 2 * histogram.Total;
        var counts = histogram.Counts;
        long below = 0;
        int low = 0;
        while (low < counts.Count - 1 && below + counts[low] <= tail) below += counts[low++];
        long above = 0;
        int high = counts.Count - 1;
        while (high > low && above + counts[high] <= tail) above += counts[high--];
        return new TensorRange(histogram.LowerEdge(low), histogram.LowerEdge(high + 1));
    }

    /// <summary>The magnitude threshold minimising KL(P ‖ Q) for <paramref name="levels"/> quantized levels.</summary>
    private static double EntropyThreshold(Histogram histogram, long zeros, long levels)
    {
        var folded = Magnitudes(histogram);
        folded[0] = Math.Max(0, folded[0] - zeros);
        int bins = folded.Length;
        if (levels >= bins) return histogram.Radius;
        int q = (int)levels;
        double best = double.PositiveInfinity;
        int bestBins = bins;
        long beyond = folded.Sum();
        var reference = new double[bins];
        var candidate = new double[bins];
        for (int i = 1; i <= bins; i++)
        {
            beyond -= folded[i - 1];
            if (i < q) continue;
            for (int k = 0; k < i; k++) reference[k] = folded[k];
            reference[i - 1] += beyond;
            for (int g = 0; g < q; g++)
            {
                int start = (int)((long)g * i / q), end = (int)((long)(g + 1) * i / q);
                double total = 0;
                int occupied = 0;
                for (int k = start; k < end; k++)
                {
                    total += folded[k];
                    if (folded[k] != 0) occupied++;
                }
                for (int k = start; k < end; k++) candidate[k] = folded[k] != 0 ? total / occupied : 0;
            }
            double divergence = Divergence(reference.AsSpan(0, i), candidate.AsSpan(0, i));
            if (divergence < best)
            {
                best = divergence;
                bestBins = i;
            }
        }
        return bestBins * histogram.BinWidth;
    }

    /// <summary>KL(P ‖ Q) of two unnormalised distributions; bins where P has mass but Q none are smoothed.</summary>
    private static double Divergence(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double pTotal = 0, qTotal = 0;
        foreach (double v in p) pTotal += v;
        foreach (double v in q) qTotal += v;
        if (pTotal == 0 || qTotal == 0) return double.PositiveInfinity;
        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            if (p[k] == 0) continue;
            double pk = p[k] / pTotal, qk = Math.Max(q[k] / qTotal, 1e-12);
            sum += pk * Math.Log(pk / qk);
        }
        return sum;
    }

    /// <summary>The range, clipped at a bin edge, with the least expected squared quantization error.</summary>
    private static TensorRange MinimumErrorRange(TensorStatistics statistics, Histogram histogram, QuantizedType type, bool symmetric)
    {
        int half = histogram.BinCount / 2;
        TensorRange best = new(statistics.Min, statistics.Max);
        double bestError = double.PositiveInfinity;
        for (int i = 1; i <= half; i++)
        {
            var range = Clip(statistics, i * histogram.BinWidth);
            double error = ExpectedSquaredError(histogram, range, type, symmetric);
            if (error < bestError)
            {
                bestError = error;
                best = range;
            }
        }
        return best;
    }

    private static double ExpectedSquaredError(Histogram histogram, TensorRange range, QuantizedType type, bool symmetric)
    {
        var (scale, zeroPoint) = RangeParameters.For(range.Min, range.Max, type, symmetric);
        double low = (type.Min - zeroPoint) * (double)scale, high = (type.Max - zeroPoint) * (double)scale;
        double rounding = (double)scale * scale / 12, error = 0;
        var counts = histogram.Counts;
        for (int b = 0; b < counts.Count; b++)
        {
            if (counts[b] == 0) continue;
            double c = histogram.Centre(b);
            double clipped = c < low ? low - c : c > high ? c - high : 0;
            error += counts[b] * (clipped == 0 ? rounding : clipped * clipped);
        }
        return error;
    }
}
