namespace OnnxKit.Data.Readers;

/// <summary>The first <c>limit</c> records of another source.</summary>
internal sealed class LimitedDataSource(IDataSource inner, long limit) : IDataSource
{
    public string Name => inner.Name;

    public string Description => $"{inner.Description}, first {Count:N0}";

    public long? Count { get; } = inner.Count is { } n ? Math.Min(n, limit) : null;

    public IReadOnlyList<DataField> Features => inner.Features;

    public IReadOnlyList<DataField> Labels => inner.Labels;

    public IReadOnlyList<string>? ClassNames => inner.ClassNames;

    public IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        long total = Count ?? limit;
        foreach (var batch in inner.ReadBatches((int)Math.Min(batchSize, total), null, cancellationToken))
        {
            if (batch.Start >= total) yield break;
            var kept = batch.Start + batch.Count <= total ? batch : Truncate(batch, (int)(total - batch.Start));
            progress?.Report(new DataProgress(kept.Start + kept.Count, Count));
            yield return kept;
            if (kept.Start + kept.Count >= total) yield break;
        }
    }

    private static DataBatch Truncate(DataBatch batch, int count) =>
        new(batch.Start, count, Head(batch.Features, count), Head(batch.Labels, count));

    private static Dictionary<string, Ir.ITensor> Head(IReadOnlyDictionary<string, Ir.ITensor> tensors, int count) =>
        tensors.ToDictionary(p => p.Key, p => (Ir.ITensor)new Ir.DenseTensor(p.Value.DataType,
            [count, .. p.Value.Dims.Skip(1)], p.Value.GetRawData()[..(int)(p.Value.ByteCount / p.Value.Dims[0] * count)], p.Key));
}
