using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>The radix ranking against LINQ's stable sort, on scores with ties, signs, zeros of both signs and infinities.</summary>
public sealed class DescendingOrderTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5000)]
    public void Ranks_as_a_stable_sort_by_decreasing_score(int n)
    {
        var random = new Random(n);
        double[] special = [0.0, -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, -double.Epsilon, double.MaxValue, -1e300];
        var scores = Enumerable.Range(0, n).Select(_ => random.Next(4) switch
        {
            0 => special[random.Next(special.Length)],
            1 => Math.Round(random.NextDouble(), 2), // many ties
            2 => -random.NextDouble() * 1e6,
            _ => random.NextDouble(),
        }).ToArray();

        // OrderByDescending is stable and compares -0 and +0 as equal, as ranking thresholds do.
        var expected = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();

        var order = new int[n];
        DescendingOrder.Of(scores, order);
        Assert.Equal(expected, order);
    }
}
