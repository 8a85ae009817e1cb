using OnnxKit.Evaluation.Analysis;
using OnnxKit.Ir;

namespace OnnxKit.Evaluation.Tests;

/// <summary>Gathering outputs into pooled arrays: the values read back are the batches' values, whether the record count was known or the array grew.</summary>
public sealed class CollectedOutputTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(1000L)]
    public void Gathers_every_batch_in_order_into_a_view_of_the_pooled_array(long? expectedRecords)
    {
        var random = new Random(7);
        var batches = new[] { 256, 256, 300, 188 }.Select(rows => Enumerable.Range(0, rows * 3).Select(_ => random.NextSingle()).ToArray()).ToArray();
        using var collected = new CollectedOutput("probabilities", expectedRecords);
        long start = 0;
        foreach (var batch in batches)
        {
            collected.Append(DenseTensor.FromFloats(batch, [batch.Length / 3, 3]), start, "test");
            start += batch.Length / 3;
        }

        var expected = batches.SelectMany(b => b).Select(v => (double)v).ToArray();
        Assert.Equal(1000, collected.Records);
        Assert.Equal(expected, collected.Span.ToArray());
        Assert.Equal(expected, collected.Values);
        var scores = collected.Scores();
        Assert.Equal((1000, 3), (scores.Rows, scores.Columns));
        Assert.Equal(expected[^3..], scores.Row(999).ToArray());
        Assert.Equal(expected.Where((_, i) => i % 3 == 1), scores.Column(1));
    }

    [Fact]
    public void Is_empty_once_disposed()
    {
        var collected = new CollectedOutput("y", 2);
        collected.Append(DenseTensor.FromFloats([1f, 0f], [2]), 0, "test");
        collected.Dispose();
        Assert.Equal(0, collected.Span.Length);
        collected.Dispose(); // a second dispose returns nothing twice
    }
}
