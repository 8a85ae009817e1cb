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

    [Theory]
    [InlineData(1, 10)]
    [InlineData(3, 1)]
    [InlineData(1003, 10)] // vectors and a tail after them
    [InlineData(64, 2)]
    public void Argmax_over_columns_equals_argmax_over_rows(int rows, int classes)
    {
        var random = new Random(rows * classes);
        // Ties (a coarse grid), both zeros, and a NaN now and then, which is never the largest.
        var values = Enumerable.Range(0, rows * classes).Select(_ => random.Next(12) switch
        {
            0 => 0.0,
            1 => -0.0,
            2 => double.NaN,
            _ => random.Next(5) / 4.0,
        }).ToArray();
        var matrix = new ScoreMatrix(values, rows, classes);
        var columns = new double[rows * classes];
        matrix.CopyColumns(columns);
        Assert.Equal(matrix.ArgMax(), ScoreMatrix.ArgMaxOfColumns(columns, rows, classes));
    }
}
