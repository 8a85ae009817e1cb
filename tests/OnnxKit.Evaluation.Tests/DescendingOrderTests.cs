using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>
/// The radix ranking against LINQ's stable sort, on scores with ties, signs, zeros of both signs and infinities:
/// doubles (the 64-bit keys) and floats widened to double, as a float model's outputs are gathered (the 32-bit keys).
/// </summary>
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

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10_000)]
    public void Ranks_floats_widened_to_double_as_a_stable_sort_by_decreasing_score(int n)
    {
        var random = new Random(n);
        float[] special = [0f, -0f, float.PositiveInfinity, float.NegativeInfinity, float.Epsilon, -float.Epsilon, float.MaxValue, 1f, -1e30f];
        var scores = Enumerable.Range(0, n).Select(_ => (double)(random.Next(5) switch
        {
            0 => special[random.Next(special.Length)],
            1 => MathF.Round(random.NextSingle(), 2), // many ties
            2 => -random.NextSingle() * 1e6f,
            3 => MathF.Exp(-40 * random.NextSingle()), // softmax-like probabilities down to 4e-18
            _ => random.NextSingle(),
        })).ToArray();
        var expected = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();

        var order = new int[n];
        DescendingOrder.Of(scores, order);
        Assert.Equal(expected, order);
    }

    [Fact]
    public void Ranks_scores_that_are_all_equal_in_example_order()
    {
        var order = new int[1000];
        DescendingOrder.Of(Enumerable.Repeat(0.25, 1000).ToArray(), order);
        Assert.Equal(Enumerable.Range(0, 1000), order);
    }
}
