using OnnxKit.Ir;

namespace OnnxKit.Data.Labels;

/// <summary>Conversions between the forms labels come in: class indices, one-hot (or probability) rows.</summary>
public static class LabelEncoding
{
    /// <summary>
    /// The class index of each record of <paramref name="labels"/>: integers as they are, integral
    /// floats as integers, and rows (<c>[n, k]</c> one-hot or probabilities) by their largest entry.
    /// </summary>
    /// <param name="labels">A batch's labels.</param>
    /// <param name="classes">The number of classes; an index outside <c>0..classes-1</c> is an error. Null skips the check.</param>
    /// <param name="source">The data's name, for errors.</param>
    /// <param name="start">The index of the batch's first record, for errors.</param>
    /// <exception cref="DataFormatException">A label is outside the classes, not integral, or not finite; the message names the record.</exception>
    public static long[] ToClassIndices(ITensor labels, int? classes, string source, long start)
    {
        int n = checked((int)labels.Dims[0]);
        var result = new long[n];
        var raw = labels.GetRawData().Span;
        bool floating = labels.DataType.IsFloatingPoint();
        if (labels.Dims.Count == 2 && labels.Dims[1] > 1)
        {
            int k = (int)labels.Dims[1];
            if (classes is { } c && k != c) throw new DataFormatException(source, start, $"label rows have {k} entries but the model has {c} classes.");
            for (int i = 0; i < n; i++)
            {
                int best = 0;
                double bestValue = double.NegativeInfinity;
                for (int j = 0; j < k; j++)
                {
                    double v = ElementDecoder.ReadAsDouble(labels.DataType, raw, (long)i * k + j);
                    if (!double.IsFinite(v)) throw new DataFormatException(source, start + i, $"label entry {j} is {v}.");
                    if (v > bestValue) (best, bestValue) = (j, v);
                }
                result[i] = best;
            }
            return result;
        }
        if (labels.ElementCount != n) throw new DataFormatException(source, start, $"labels have dims {TensorDims.Format(labels.Dims)}; class labels hold one value per record.");
        for (int i = 0; i < n; i++)
        {
            long label;
            if (floating)
            {
                double v = ElementDecoder.ReadAsDouble(labels.DataType, raw, i);
                if (!double.IsFinite(v) || v != Math.Floor(v)) throw new DataFormatException(source, start + i, $"label {v} is not a class index.");
                label = (long)v;
            }
            else label = ElementDecoder.ReadAsInt64(labels.DataType, raw, i);
            if (label < 0 || (classes is { } c && label >= c))
                throw new DataFormatException(source, start + i, classes is { } k ? $"label {label} is outside the {k} classes 0..{k - 1}." : $"label {label} is negative.");
            result[i] = label;
        }
        return result;
    }

    /// <summary>One float32 row of <paramref name="classes"/> entries per label, 1 at the label's index.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside <c>0..classes-1</c>.</exception>
    public static DenseTensor OneHot(ReadOnlySpan<long> labels, int classes, string? name = null)
    {
        var values = new float[labels.Length * classes];
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] < 0 || labels[i] >= classes) throw new ArgumentOutOfRangeException(nameof(labels), $"Label {labels[i]} at {i} is outside 0..{classes - 1}.");
            values[i * classes + labels[i]] = 1;
        }
        return DenseTensor.FromFloats(values, [labels.Length, classes], name);
    }
}
