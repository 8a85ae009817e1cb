namespace OnnxKit.Training.Tests.TestSupport;

/// <summary>
/// The tolerance of every numeric comparison in these tests: the largest difference between
/// two arrays, relative to the largest magnitude of the reference array (max-norm relative
/// error), must be at most the stated bound; 1e-4 unless a test says otherwise.
/// </summary>
public static class Closeness
{
    /// <summary>max|actual − expected| / max(max|expected|, <paramref name="floor"/>) (0 when both are all zero).</summary>
    public static double RelativeError(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double floor = 0)
    {
        if (actual.Length != expected.Length) throw new ArgumentException($"lengths differ: {actual.Length} and {expected.Length}");
        double scale = floor, worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            scale = Math.Max(scale, Math.Abs(expected[i]));
            worst = Math.Max(worst, Math.Abs(actual[i] - expected[i]));
        }
        return scale == 0 ? worst : worst / scale;
    }

    /// <summary>
    /// Asserts the relative error is at most <paramref name="bound"/>, naming what was compared;
    /// <paramref name="floor"/> is the smallest scale errors are measured against (for values
    /// that are zero in exact arithmetic).
    /// </summary>
    public static void Assert(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, string what, double bound = 1e-4, double floor = 0)
    {
        double error = RelativeError(actual, expected, floor);
        Xunit.Assert.True(error <= bound, $"{what}: max-norm relative error {error:E2} exceeds {bound:E0}");
    }
}
