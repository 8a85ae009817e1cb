using OnnxKit.Ir;

namespace OnnxKit.Data.Readers;

/// <summary>
/// An IDX images file and, optionally, its labels file (MNIST, Fashion-MNIST): feature
/// <c>x</c> holds the images as stored (uint8 <c>[28,28]</c> per record), labels <c>y</c>
/// the class indices as int64. Both files are streamed, never loaded whole.
/// </summary>
internal sealed class IdxDataSource : DataSourceBase
{
    private readonly string imagesPath;
    private readonly string? labelsPath;
    private readonly int classCount;

    /// <summary>Reads both headers and checks they agree on the number of records.</summary>
    public IdxDataSource(string imagesPath, string? labelsPath, string description, IReadOnlyList<string>? classNames)
    {
        this.imagesPath = imagesPath;
        this.labelsPath = labelsPath;
        ClassNames = classNames;
        classCount = classNames?.Count ?? 256;
        using var images = IdxFile.Open(imagesPath);
        Count = images.Count;
        Features = [new DataField("x", images.ElementType, images.RecordDims)];
        if (labelsPath is not null)
        {
            using var labels = IdxFile.Open(labelsPath);
            if (labels.RecordDims.Length != 0 || labels.ElementType is DataType.Float or DataType.Double)
                throw new DataFormatException(labelsPath, null, $"a labels file holds one integer per record; this one holds {labels.ElementType.OnnxName()}{TensorDims.Format(labels.RecordDims)} records.");
            if (labels.Count != images.Count)
                throw new DataFormatException(labelsPath, null, $"it holds {labels.Count} labels but '{imagesPath}' holds {images.Count} images.");
            Labels = [new DataField(DataBatch.DefaultLabelName, DataType.Int64, [])];
        }
        else Labels = [];
        Name = description;
        Description = $"{description} ({Count:N0} records)";
    }

    public override IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var images = IdxFile.Open(imagesPath);
        using var labels = labelsPath is null ? null : IdxFile.Open(labelsPath);
        for (long start = 0; start < images.Count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var x = images.ReadRecords(batchSize, "x");
            var features = new Dictionary<string, ITensor> { ["x"] = x };
            var targets = new Dictionary<string, ITensor>();
            if (labels is not null) targets[DataBatch.DefaultLabelName] = ClassLabels(labels.ReadRecords(batchSize, "y"), start);
            var batch = new DataBatch(start, (int)x.Dims[0], features, targets);
            progress?.Report(new DataProgress(start + batch.Count, Count));
            yield return batch;
        }
    }

    private DenseTensor ClassLabels(DenseTensor raw, long start)
    {
        var values = new long[raw.ElementCount];
        var data = raw.GetRawData().Span;
        for (int i = 0; i < values.Length; i++)
        {
            long label = ElementDecoder.ReadAsInt64(raw.DataType, data, i);
            if (label < 0 || label >= classCount)
                throw new DataFormatException(labelsPath!, start + i, $"label {label} is outside the {classCount} classes 0..{classCount - 1}.");
            values[i] = label;
        }
        return DenseTensor.FromInt64s(values, [values.Length], DataBatch.DefaultLabelName);
    }
}
