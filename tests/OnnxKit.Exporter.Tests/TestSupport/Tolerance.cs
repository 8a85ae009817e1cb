namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>Elementwise closeness in NumPy's allclose sense: |a − e| ≤ atol + rtol·|e|.</summary>
internal static class Tolerance
{
    public static void AssertClose(float[] expected, float[] actual, double rtol = 1e-4, double atol = 1e-5, string? what = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs(expected[i] - (double)actual[i]);
            if (!(diff <= atol + rtol * Math.Abs(expected[i])))
                Assert.Fail($"{what ?? "values"} differ at {i}: expected {expected[i]}, got {actual[i]} (|diff| {diff:g3} > atol {atol} + rtol {rtol}·|expected|).");
        }
    }
}
