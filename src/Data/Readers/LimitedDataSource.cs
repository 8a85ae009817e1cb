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

    public bool InMemory => inner.InMemory;

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
        new(batch.Start, count, ArraySlicer.Slice(batch.Features, 0, count), ArraySlicer.Slice(batch.Labels, 0, count));
}
