using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Tests;

/// <summary>The score matrix's row and column reads against reading each score by its index.</summary>
public sealed class ScoreMatrixTests
{
    [Theory]
    [InlineData(0, 3)]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(1000, 10)]
    public void Columns_copied_in_one_pass_equal_each_column_read_alone(int rows, int columns)
    {
        var random = new Random(rows + columns);
        var values = Enumerable.Range(0, rows * columns).Select(_ => random.NextDouble()).ToArray();
        var matrix = new ScoreMatrix(values, rows, columns);
        var copied = new double[rows * columns + 5]; // longer than needed, as a rented array is
        matrix.CopyColumns(copied);
        for (int c = 0; c < columns; c++) Assert.Equal(matrix.Column(c), copied.AsSpan(c * rows, rows).ToArray());
        for (int c = 0; c < columns; c++) Assert.Equal(Enumerable.Range(0, rows).Select(i => values[i * columns + c]), matrix.Column(c));
        if (rows * columns > 0) Assert.Throws<ArgumentOutOfRangeException>(() => matrix.CopyColumns(new double[rows * columns - 1]));
    }

    [Fact]
    public void Argmax_takes_the_first_of_tied_largest_scores()
    {
        var matrix = new ScoreMatrix([0.2, 0.5, 0.5, 0.9, 0.05, 0.05, 0.3, 0.3, 0.4], 3, 3);
        Assert.Equal([1, 0, 2], matrix.ArgMax());
    }
}
