namespace OnnxKit.Data.Readers;

/// <summary>What every reader reports about its data, set once by the reader's constructor; the reader supplies the batches.</summary>
internal abstract class DataSourceBase : IDataSource
{
    public string Name { get; protected init; } = "";

    public string Description { get; protected init; } = "";

    public long? Count { get; protected init; }

    public IReadOnlyList<DataField> Features { get; protected init; } = [];

    public IReadOnlyList<DataField> Labels { get; protected init; } = [];

    public IReadOnlyList<string>? ClassNames { get; protected init; }

    public abstract IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default);
}
