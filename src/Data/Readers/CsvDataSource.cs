using System.Globalization;
using nietras.SeparatedValues;
using OnnxKit.Ir;

namespace OnnxKit.Data.Readers;

/// <summary>
/// A CSV table with a header row (parsed by Sep), for tabular models such as the seeds'
/// house-price, credit-card and age-group models. The label columns are those named in
/// <see cref="DataReadOptions.LabelColumns"/>, else a column named <c>label</c>, <c>y</c>,
/// <c>target</c> or <c>class</c> when there is one; every other column is a feature, and
/// feature <c>x</c> is float32 <c>[columns]</c> per record. One label column gives labels
/// <c>y</c> of one value per record (int64 when every value is an integer, else float32);
/// several give float32 rows (multi-label or multi-target). The table is read when the
/// source opens: tabular data sets are small.
/// </summary>
internal sealed class CsvDataSource : DataSourceBase
{
    private static readonly string[] DefaultLabelNames = ["label", "y", "target", "class"];

    private readonly ArraySlicer arrays;

    public CsvDataSource(string path, IReadOnlyList<string>? labelColumns)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "the file does not exist.");
        if (new FileInfo(path).Length == 0) throw new DataFormatException(path, null, "the file is empty.");
        using var reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        var names = reader.Header.ColNames;
        if (names.Count == 0) throw new DataFormatException(path, null, "the file has no header row.");
        int[] labelIndices = LabelIndices(path, names, labelColumns);
        int[] featureIndices = Enumerable.Range(0, names.Count).Except(labelIndices).ToArray();
        if (featureIndices.Length == 0) throw new DataFormatException(path, null, "every column is a label; the table has no features.");

        var features = new List<float>();
        var labels = new List<double>();
        long record = 0;
        foreach (var row in reader)
        {
            if (row.ColCount != names.Count)
                throw new DataFormatException(path, record, $"the row has {row.ColCount} columns but the header has {names.Count}.");
            foreach (int c in featureIndices) features.Add((float)Number(path, record, names[c], row[c].Span));
            foreach (int c in labelIndices) labels.Add(Number(path, record, names[c], row[c].Span));
            record++;
        }
        if (record == 0) throw new DataFormatException(path, null, "the table has a header but no records.");

        var x = DenseTensor.FromFloats(features.ToArray(), [record, featureIndices.Length], "x");
        var y = new Dictionary<string, ITensor>();
        if (labelIndices.Length == 1 && labels.All(v => v == Math.Floor(v)))
            y[DataBatch.DefaultLabelName] = DenseTensor.FromInt64s(labels.Select(v => (long)v).ToArray(), [record], DataBatch.DefaultLabelName);
        else if (labelIndices.Length > 0)
            y[DataBatch.DefaultLabelName] = DenseTensor.FromFloats(labels.Select(v => (float)v).ToArray(),
                labelIndices.Length == 1 ? [record] : [record, labelIndices.Length], DataBatch.DefaultLabelName);
        arrays = new ArraySlicer(new Dictionary<string, ITensor> { ["x"] = x }, y);
        Count = record;
        FeatureColumns = featureIndices.Select(i => names[i]).ToArray();
        Features = [new DataField("x", DataType.Float, [featureIndices.Length])];
        Labels = y.Values.Select(t => new DataField(DataBatch.DefaultLabelName, t.DataType, t.Dims.Skip(1).ToArray())).ToArray();
        string labelText = labelIndices.Length == 0 ? "no labels" : "labels " + string.Join(", ", labelIndices.Select(i => names[i]));
        Name = path;
        Description = $"{path} ({record:N0} records, {featureIndices.Length} features, {labelText})";
    }

    /// <summary>The names of the feature columns, in the order of <c>x</c>'s values.</summary>
    public IReadOnlyList<string> FeatureColumns { get; }

    public override IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default) =>
        arrays.ReadBatches(batchSize, progress, cancellationToken);

    private static int[] LabelIndices(string path, IReadOnlyList<string> names, IReadOnlyList<string>? requested)
    {
        if (requested is null)
        {
            int found = names.ToList().FindIndex(n => DefaultLabelNames.Contains(n, StringComparer.OrdinalIgnoreCase));
            return found < 0 ? [] : [found];
        }
        return requested.Select(r =>
        {
            int i = names.ToList().IndexOf(r);
            return i >= 0 ? i : throw new DataFormatException(path, null, $"there is no column '{r}'; the columns are {string.Join(", ", names)}.");
        }).ToArray();
    }

    private static double Number(string path, long record, string column, ReadOnlySpan<char> text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value)) return value;
        throw new DataFormatException(path, record, $"column '{column}' holds '{text.ToString()}', not a finite number.");
    }
}
