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

    [Theory]
    [InlineData(DataType.UInt8)]
    [InlineData(DataType.Int32)]
    [InlineData(DataType.Int64)]
    [InlineData(DataType.Int16)] // no fast path: read element by element
    public void Integer_labels_gather_as_the_element_decoder_reads_them(DataType type)
    {
        long[] labels = [0, 9, 3, 255, 1, 7, 120];
        var tensor = type switch
        {
            DataType.UInt8 => DenseTensor.FromArray(type, labels.Select(l => (byte)l).ToArray(), [labels.Length]),
            DataType.Int32 => DenseTensor.FromArray(type, labels.Select(l => (int)l).ToArray(), [labels.Length]),
            DataType.Int16 => DenseTensor.FromArray(type, labels.Select(l => (short)l).ToArray(), [labels.Length]),
            _ => DenseTensor.FromInt64s(labels, [labels.Length]),
        };
        using var collected = new CollectedOutput("y", labels.Length);
        collected.Append(tensor, 0, "test");

        var raw = tensor.GetRawData();
        Assert.Equal(Enumerable.Range(0, labels.Length).Select(i => ElementDecoder.ReadAsDouble(type, raw.Span, i)), collected.Span.ToArray());
        Assert.Equal(labels.Select(l => (double)l), collected.Span.ToArray());
        Assert.True(collected.Integral);
    }

    [Fact]
    public void A_NaN_score_is_reported_with_its_record()
    {
        var scores = new float[12];
        scores[7] = float.NaN; // record 3 of rows of 2, in the second batch
        scores[9] = float.NaN;
        using var collected = new CollectedOutput("scores", 10);
        collected.Append(DenseTensor.FromFloats(scores[..4], [2, 2]), 0, "first");
        var error = Assert.Throws<OnnxKitException>(() => collected.Append(DenseTensor.FromFloats(scores[4..], [4, 2]), 2, "second"));
        Assert.Contains("'scores' is NaN for record 3", error.Message);
    }
}
