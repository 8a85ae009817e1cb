using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>
/// The radix ranking against LINQ's stable sort, on scores with ties, signs, zeros of both signs and infinities:
/// doubles (the 64-bit keys of <see cref="DescendingOrder.Of"/>) and floats widened to double, as a float model's
/// outputs are gathered (the 32-bit keys of <see cref="DescendingOrder.TryRankSingles"/>, and the 64-bit keys too).
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

        var items = new ulong[n];
        Assert.True(DescendingOrder.TryRankSingles(scores, items));
        Assert.Equal(expected, items.Select(DescendingOrder.ExampleOf));
        var order = new int[n];
        DescendingOrder.Of(scores, order); // the 64-bit keys rank them alike
        Assert.Equal(expected, order);
    }

    [Fact]
    public void Ranks_scores_that_are_all_equal_in_example_order()
    {
        var order = new int[1000];
        DescendingOrder.Of(Enumerable.Repeat(0.25, 1000).ToArray(), order);
        Assert.Equal(Enumerable.Range(0, 1000), order);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(10_000)]
    public void Ranked_float_items_hold_the_examples_in_order_and_their_scores(int n)
    {
        var random = new Random(n);
        var scores = Enumerable.Range(0, n).Select(_ => (double)(random.Next(4) switch
        {
            0 => random.Next(2) == 0 ? 0f : -0f,
            1 => MathF.Round(random.NextSingle(), 2),
            2 => -random.NextSingle() * 1e6f,
            _ => MathF.Exp(-40 * random.NextSingle()),
        })).ToArray();
        var expected = Enumerable.Range(0, n).OrderByDescending(i => scores[i]).ToArray();

        var items = new ulong[n];
        Assert.True(DescendingOrder.TryRankSingles(scores, items));
        Assert.Equal(expected, items.Select(DescendingOrder.ExampleOf));
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(scores[expected[i]], DescendingOrder.ScoreOf(items[i])); // −0 reads back as +0, which equals it
            if (i > 0) Assert.Equal(scores[expected[i]] == scores[expected[i - 1]], DescendingOrder.SameScore(items[i], items[i - 1]));
        }
    }

    [Fact]
    public void Scores_that_are_not_all_floats_are_left_to_the_order_of_examples()
    {
        Assert.False(DescendingOrder.TryRankSingles([0.5, 0.1, 0.25], new ulong[3])); // 0.1 is no float
        Assert.False(DescendingOrder.TryRankSingles([0.5, 0.25, 0.1], new ulong[3])); // found last
        Assert.False(DescendingOrder.TryRankSingles([0.5, double.NaN], new ulong[2]));
        Assert.False(DescendingOrder.TryRankSingles([0.5], new ulong[1]));
    }
}
