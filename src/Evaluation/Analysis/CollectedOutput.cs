using OnnxKit.Ir;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>
/// The values of one output (or one label set) gathered over every batch, row by row, as
/// doubles; after analysis also the class labels and predictions, for comparisons.
/// </summary>
internal sealed class CollectedOutput(string name)
{
    private readonly List<double> values = [];

    public string Name { get; } = name;

    /// <summary>Values per record (the product of the non-batch dims); fixed by the first batch.</summary>
    public int Width { get; private set; } = -1;

    /// <summary>Whether every value is an integer (class labels).</summary>
    public bool Integral { get; private set; } = true;

    public long Records => Width <= 0 ? 0 : values.Count / Width;

    public double[] Values => cached ??= values.ToArray();

    /// <summary>The true class of each record, once analysed as classification.</summary>
    public int[]? ClassLabels { get; set; }

    /// <summary>The predicted class of each record, once analysed as classification.</summary>
    public int[]? Predictions { get; set; }

    private double[]? cached;

    /// <summary>Appends a batch's tensor (first axis = record).</summary>
    /// <param name="tensor">The batch's values.</param>
    /// <param name="start">The batch's first record, for errors.</param>
    /// <param name="where">Who produced the values (a model file, the data), for errors.</param>
    /// <exception cref="OnnxKitException">The tensor's shape changes between batches, or a value is NaN; the message names the record.</exception>
    public void Append(ITensor tensor, long start, string where)
    {
        if (tensor.Dims.Count == 0) throw new OnnxKitException($"{where}: '{Name}' is a scalar; evaluated outputs need one row per record.");
        long rows = tensor.Dims[0];
        int width = checked((int)(rows == 0 ? 0 : tensor.ElementCount / rows));
        if (Width < 0) Width = width;
        else if (width != Width) throw new OnnxKitException($"{where}: '{Name}' has {width} values per record from record {start} on, {Width} before.");
        var raw = tensor.GetRawData().Span;
        int count = checked((int)tensor.ElementCount);
        values.EnsureCapacity(values.Count + count);
        var floats = tensor.DataType == DataType.Float ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(raw) : default;
        for (int i = 0; i < count; i++)
        {
            double v = tensor.DataType == DataType.Float ? floats[i] : ElementDecoder.ReadAsDouble(tensor.DataType, raw, i);
            if (double.IsNaN(v)) throw new OnnxKitException($"{where}: '{Name}' is NaN for record {start + i / Math.Max(1, width)}; NaN scores cannot be evaluated.");
            if (Integral && v != Math.Floor(v)) Integral = false;
            values.Add(v);
        }
        cached = null;
    }
}
