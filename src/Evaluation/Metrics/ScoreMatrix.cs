using System.Numerics;

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

    /// <summary>Every score, row by row (over the matrix's own memory).</summary>
    internal ReadOnlySpan<double> Values => values.AsSpan(0, Rows * Columns);

    /// <summary>Every example's score for class <paramref name="k"/>.</summary>
    public double[] Column(int k)
    {
        var column = new double[Rows];
        for (int i = 0; i < Rows; i++) column[i] = values[i * Columns + k];
        return column;
    }

    /// <summary>
    /// Writes the scores column by column into <paramref name="destination"/> (at least <see cref="Rows"/> × <see cref="Columns"/>
    /// long): class k's scores are then <c>destination[k·Rows .. (k+1)·Rows]</c>. One pass over the rows, not one per class.
    /// </summary>
    public void CopyColumns(Span<double> destination)
    {
        int n = Rows, k = Columns;
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, n * k, nameof(destination));
        var all = Values;
        for (int i = 0, start = 0; i < n; i++, start += k)
        {
            var row = all.Slice(start, k);
            for (int c = 0, at = i; c < row.Length; c++, at += n) destination[at] = row[c];
        }
    }

    /// <summary>The class of the largest score of each example (the first on ties, as NumPy's argmax).</summary>
    public int[] ArgMax()
    {
        var result = new int[Rows];
        if (Columns == 0) return result;
        var all = Values;
        for (int i = 0, start = 0; i < result.Length; i++, start += Columns)
        {
            var row = all.Slice(start, Columns);
            int best = 0;
            for (int k = 1; k < row.Length; k++) if (row[k] > row[best]) best = k;
            result[i] = best;
        }
        return result;
    }

    /// <summary>
    /// <see cref="ArgMax()"/> from the scores laid out column by column (<see cref="CopyColumns"/>): the same classes, the
    /// first of tied largest scores, found for several examples at once in vectors (a row of ten classes is too short
    /// for them, and its comparisons, one after another, mispredict).
    /// </summary>
    /// <param name="columns">Class k's scores at <c>[k·rows .. (k+1)·rows]</c>.</param>
    /// <param name="rows">The examples.</param>
    /// <param name="classes">The classes (columns).</param>
    internal static int[] ArgMaxOfColumns(ReadOnlySpan<double> columns, int rows, int classes)
    {
        var result = new int[rows];
        if (classes == 0) return result;
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            int width = Vector<double>.Count;
            for (; i <= rows - width; i += width)
            {
                var largest = new Vector<double>(columns.Slice(i, width));
                var best = Vector<long>.Zero;
                for (int k = 1; k < classes; k++)
                {
                    var value = new Vector<double>(columns.Slice(k * rows + i, width));
                    var larger = Vector.GreaterThan(value, largest);
                    best = Vector.ConditionalSelect(larger, new Vector<long>(k), best);
                    largest = Vector.ConditionalSelect(larger, value, largest);
                }
                for (int j = 0; j < width; j++) result[i + j] = (int)best[j];
            }
        }
        for (; i < rows; i++)
        {
            int best = 0;
            for (int k = 1; k < classes; k++) if (columns[k * rows + i] > columns[best * rows + i]) best = k;
            result[i] = best;
        }
        return result;
    }

    /// <summary>Whether every row is a probability distribution (entries in [0, 1] summing to 1 within 1e-3).</summary>
    public bool RowsAreProbabilities()
    {
        var all = Values;
        for (int start = 0; start < all.Length; start += Columns)
        {
            double sum = 0;
            foreach (double v in all.Slice(start, Columns))
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
