namespace OnnxKit.Evaluation.Metrics;

/// <summary>A model's scores for n examples and k classes (probabilities or logits), row-major.</summary>
public sealed class ScoreMatrix
{
    private readonly double[] values;

    /// <summary>Wraps row-major <paramref name="values"/> of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public ScoreMatrix(double[] values, int rows, int columns)
    {
        if (values.LongLength != (long)rows * columns) throw new ArgumentException($"{values.Length} values do not fill {rows}×{columns}.", nameof(values));
        this.values = values;
        Rows = rows;
        Columns = columns;
    }

    private ScoreMatrix(int rows, int columns, double[] buffer)
    {
        values = buffer;
        Rows = rows;
        Columns = columns;
    }

    /// <summary>The first <paramref name="rows"/> × <paramref name="columns"/> values of <paramref name="buffer"/>, which may be longer (a pooled array).</summary>
    internal static ScoreMatrix View(double[] buffer, int rows, int columns)
    {
        if (buffer.LongLength < (long)rows * columns) throw new ArgumentException($"{buffer.Length} values do not fill {rows}×{columns}.", nameof(buffer));
        return new ScoreMatrix(rows, columns, buffer);
    }

    /// <summary>The number of examples.</summary>
    public int Rows { get; }

    /// <summary>The number of classes.</summary>
    public int Columns { get; }

    /// <summary>The scores of example <paramref name="i"/>.</summary>
    public ReadOnlySpan<double> Row(int i) => values.AsSpan(i * Columns, Columns);

    /// <summary>Every example's score for class <paramref name="k"/>.</summary>
    public double[] Column(int k)
    {
        var column = new double[Rows];
        CopyColumn(k, column);
        return column;
    }

    /// <summary>Writes every example's score for class <paramref name="k"/> into <paramref name="destination"/> (at least <see cref="Rows"/> long).</summary>
    public void CopyColumn(int k, Span<double> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, Rows, nameof(destination));
        for (int i = 0; i < Rows; i++) destination[i] = values[i * Columns + k];
    }

    /// <summary>The class of the largest score of each example (the first on ties, as NumPy's argmax).</summary>
    public int[] ArgMax()
    {
        var result = new int[Rows];
        for (int i = 0; i < Rows; i++)
        {
            var row = Row(i);
            int best = 0;
            for (int k = 1; k < row.Length; k++) if (row[k] > row[best]) best = k;
            result[i] = best;
        }
        return result;
    }

    /// <summary>Whether every row is a probability distribution (entries in [0, 1] summing to 1 within 1e-3).</summary>
    public bool RowsAreProbabilities()
    {
        for (int i = 0; i < Rows; i++)
        {
            double sum = 0;
            foreach (double v in Row(i))
            {
                if (v < 0 || v > 1) return false;
                sum += v;
            }
            if (Math.Abs(sum - 1) > 1e-3) return false;
        }
        return true;
    }

    /// <summary>The rows passed through softmax (for logits), each max-shifted for stability.</summary>
    public ScoreMatrix Softmax()
    {
        var result = new double[Rows * Columns];
        for (int i = 0; i < Rows; i++)
        {
            var row = Row(i);
            double max = double.NegativeInfinity;
            foreach (double v in row) max = Math.Max(max, v);
            double sum = 0;
            for (int k = 0; k < Columns; k++) sum += result[i * Columns + k] = Math.Exp(row[k] - max);
            for (int k = 0; k < Columns; k++) result[i * Columns + k] /= sum;
        }
        return new ScoreMatrix(result, Rows, Columns);
    }
}
