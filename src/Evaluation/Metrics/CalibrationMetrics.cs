namespace OnnxKit.Evaluation.Metrics;

/// <summary>
/// Whether confidences mean what they say: the reliability diagram (accuracy against mean
/// confidence in equal-width bins) and the expected calibration error
/// ECE = Σ_b (n_b / N)·|accuracy_b − confidence_b| (Guo et al. 2017).
/// </summary>
public static class CalibrationMetrics
{
    /// <summary>
    /// The bins of [0, 1] with the examples whose confidence falls in each. A confidence on a bin
    /// edge belongs to the lower bin (the first bin is closed), as scikit-learn's
    /// <c>calibration_curve(strategy='uniform')</c> bins them.
    /// </summary>
    public static IReadOnlyList<ReliabilityBin> Reliability(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct, int bins = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (confidence.Length != correct.Length) throw new ArgumentException($"{confidence.Length} confidences but {correct.Length} outcomes.");
        var count = new long[bins];
        var sum = new double[bins];
        var hits = new long[bins];
        for (int i = 0; i < confidence.Length; i++)
        {
            double value = confidence[i];
            // The bin from the value's position, then moved to where the edges, as computed, put it: the last bin whose lower edge lies below the value.
            int b = Math.Clamp((int)Math.Ceiling(value * bins) - 1, 0, bins - 1);
            while (b > 0 && Edge(b, bins) >= value) b--;
            while (b < bins - 1 && Edge(b + 1, bins) < value) b++;
            count[b]++;
            sum[b] += value;
            if (correct[i]) hits[b]++;
        }
        var diagram = new ReliabilityBin[bins];
        for (int b = 0; b < bins; b++)
            diagram[b] = new ReliabilityBin(Edge(b, bins), Edge(b + 1, bins), count[b], count[b] == 0 ? 0 : sum[b] / count[b], count[b] == 0 ? 0 : (double)hits[b] / count[b]);
        return diagram;
    }

    /// <summary>Edge <paramref name="i"/> of <paramref name="bins"/> equal bins, computed as NumPy's <c>linspace</c> does.</summary>
    private static double Edge(int i, int bins) => i == bins ? 1 : i * (1.0 / bins);

    /// <summary>The expected calibration error over <paramref name="bins"/> equal-width bins.</summary>
    public static double ExpectedCalibrationError(ReadOnlySpan<double> confidence, ReadOnlySpan<bool> correct, int bins = 10) =>
        ExpectedCalibrationError(Reliability(confidence, correct, bins));

    /// <summary>The expected calibration error of a reliability diagram already drawn (see <see cref="Reliability"/>).</summary>
    public static double ExpectedCalibrationError(IReadOnlyList<ReliabilityBin> diagram)
    {
        long total = diagram.Sum(b => b.Count);
        return total == 0 ? 0 : diagram.Sum(b => b.Count * Math.Abs(b.Accuracy - b.MeanConfidence)) / total;
    }
}
