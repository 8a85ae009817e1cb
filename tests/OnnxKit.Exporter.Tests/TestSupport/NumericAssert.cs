using OnnxKit.Execution;

namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>Elementwise closeness of float outputs by OnnxKit's one tolerance rule (<see cref="Tolerance"/>).</summary>
internal static class NumericAssert
{
    /// <summary>Fails at the first element of <paramref name="actual"/> not within <c>Tolerance(rtol, atol)</c> of <paramref name="expected"/>.</summary>
    public static void Close(float[] expected, float[] actual, double rtol = 1e-4, double atol = 1e-5, string? what = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        var tolerance = new Tolerance(rtol, atol);
        for (int i = 0; i < expected.Length; i++)
        {
            if (!tolerance.Accepts(expected[i], actual[i]))
                Assert.Fail($"{what ?? "values"} differ at {i}: expected {expected[i]}, got {actual[i]} ({tolerance}).");
        }
    }
}
