namespace OnnxKit.Evaluation.Metrics;

/// <summary>Errors of numeric predictions, as scikit-learn's <c>mean_absolute_error</c>, <c>mean_squared_error</c> (root) and <c>r2_score</c>.</summary>
public static class RegressionMetrics
{
    /// <summary>Mean absolute error.</summary>
    public static double MeanAbsoluteError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        Check(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.Length; i++) sum += Math.Abs(truth[i] - predicted[i]);
        return sum / truth.Length;
    }

    /// <summary>Root of the mean squared error.</summary>
    public static double RootMeanSquaredError(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        Check(truth, predicted);
        double sum = 0;
        for (int i = 0; i < truth.Length; i++) sum += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
        return Math.Sqrt(sum / truth.Length);
    }

    /// <summary>R² = 1 − SS_res / SS_tot; for constant truth, 1 when the predictions are exact and 0 otherwise (as scikit-learn).</summary>
    public static double R2(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        Check(truth, predicted);
        double mean = 0;
        foreach (double t in truth) mean += t;
        mean /= truth.Length;
        double residual = 0, total = 0;
        for (int i = 0; i < truth.Length; i++)
        {
            residual += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
            total += (truth[i] - mean) * (truth[i] - mean);
        }
        if (total == 0) return residual == 0 ? 1 : 0;
        return 1 - residual / total;
    }

    private static void Check(ReadOnlySpan<double> truth, ReadOnlySpan<double> predicted)
    {
        if (truth.Length != predicted.Length) throw new ArgumentException($"{truth.Length} targets but {predicted.Length} predictions.");
        if (truth.Length == 0) throw new ArgumentException("No examples.");
    }
}
