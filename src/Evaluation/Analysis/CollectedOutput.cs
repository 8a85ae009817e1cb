using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using OnnxKit.Evaluation.Metrics;
using OnnxKit.Ir;

namespace OnnxKit.Evaluation.Analysis;

/// <summary>
/// The values of one output (or one label set) gathered over every batch, row by row, as
/// doubles; after analysis also the class labels and predictions, for comparisons. The values are
/// gathered into an array rented from the shared pool (a 10,000 × 10 output is 800 KB, which would
/// otherwise go to the large-object heap and cost a full collection per evaluation); disposing
/// returns it, so nothing read through <see cref="Span"/> or <see cref="Scores"/> may be kept after.
/// </summary>
/// <param name="name">The output's or labels' name.</param>
/// <param name="expectedRecords">How many records the data holds, when known: the values are then gathered into one array of their final size.</param>
internal sealed class CollectedOutput(string name, long? expectedRecords = null) : IDisposable
{
    private double[] values = [];
    private int count;

    public string Name { get; } = name;

    /// <summary>Values per record (the product of the non-batch dims); fixed by the first batch.</summary>
    public int Width { get; private set; } = -1;

    /// <summary>Whether every value is an integer (class labels).</summary>
    public bool Integral { get; private set; } = true;

    public long Records => Width <= 0 ? 0 : count / Width;

    /// <summary>The values gathered, row-major, in the pooled array.</summary>
    public ReadOnlySpan<double> Span => values.AsSpan(0, count);

    /// <summary>A copy of the values gathered, row-major, for the measures that take an array.</summary>
    public double[] Values => Span.ToArray();

    /// <summary>The values as one row per record, over the pooled array (no copy).</summary>
    public ScoreMatrix Scores() => ScoreMatrix.View(values, checked((int)Records), Math.Max(Width, 0));

    /// <summary>The true class of each record, once analysed as classification.</summary>
    public int[]? ClassLabels { get; set; }

    /// <summary>The predicted class of each record, once analysed as classification.</summary>
    public int[]? Predictions { get; set; }

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
        int added = checked((int)tensor.ElementCount);
        var destination = Reserve(added);
        var raw = tensor.GetRawData().Span;
        int nan = tensor.DataType switch
        {
            DataType.Float => Widen(MemoryMarshal.Cast<byte, float>(raw)[..added], destination),
            DataType.Int64 => Widen(MemoryMarshal.Cast<byte, long>(raw)[..added], destination),
            DataType.Int32 => Widen(MemoryMarshal.Cast<byte, int>(raw)[..added], destination),
            DataType.UInt8 => Widen(raw[..added], destination),
            _ => Decode(tensor.DataType, raw, destination),
        };
        if (nan >= 0) throw new OnnxKitException($"{where}: '{Name}' is NaN for record {start + nan / Math.Max(1, width)}; NaN scores cannot be evaluated.");
        if (Integral) Integral = AllIntegers(destination);
        count += added;
    }

    /// <summary>Room for <paramref name="added"/> more values, growing the array (to the expected total when known).</summary>
    private Span<double> Reserve(int added)
    {
        int needed = checked(count + added);
        if (needed > values.Length)
        {
            long expected = expectedRecords is { } records && Width > 0 ? records * Width : 0;
            int capacity = expected >= needed && expected <= Array.MaxLength ? (int)expected : Math.Max(needed, 2 * values.Length);
            var larger = ArrayPool<double>.Shared.Rent(capacity);
            Span.CopyTo(larger);
            Return();
            values = larger;
        }
        return values.AsSpan(count, added);
    }

    /// <summary>Floats as doubles; the index of the first NaN, or −1.</summary>
    private static int Widen(ReadOnlySpan<float> source, Span<double> destination)
    {
        destination = destination[..source.Length];
        bool nan = false;
        for (int i = 0; i < source.Length; i++)
        {
            float v = source[i];
            nan |= float.IsNaN(v); // no branch in the loop: NaN is the rare case, found again below
            destination[i] = v;
        }
        return nan ? FirstNaN(source) : -1;
    }

    /// <summary>The index of the first NaN, or −1.</summary>
    private static int FirstNaN(ReadOnlySpan<float> source)
    {
        for (int i = 0; i < source.Length; i++) if (float.IsNaN(source[i])) return i;
        return -1;
    }

    /// <summary>Integer labels (stored as bytes, int32 or int64) as doubles, as <see cref="ElementDecoder.ReadAsDouble"/> reads them; never NaN, so −1.</summary>
    private static int Widen<T>(ReadOnlySpan<T> source, Span<double> destination) where T : struct, IBinaryInteger<T>
    {
        for (int i = 0; i < source.Length; i++) destination[i] = double.CreateTruncating(source[i]);
        return -1;
    }

    /// <summary>Another element type's values as doubles; the index of the first NaN, or −1.</summary>
    private static int Decode(DataType type, ReadOnlySpan<byte> raw, Span<double> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = ElementDecoder.ReadAsDouble(type, raw, i);
            if (double.IsNaN(destination[i])) return i;
        }
        return -1;
    }

    private static bool AllIntegers(ReadOnlySpan<double> values)
    {
        foreach (double v in values) if (v != Math.Floor(v)) return false;
        return true;
    }

    /// <summary>Returns the gathering array to the pool.</summary>
    public void Dispose()
    {
        Return();
        values = [];
        count = 0;
    }

    private void Return()
    {
        if (values.Length > 0) ArrayPool<double>.Shared.Return(values);
    }
}
