using OnnxKit.Ir;

namespace OnnxKit.Data.Readers;

/// <summary>
/// Another source read once, whole, into one contiguous array per feature and label (the values as
/// the source gives them, so the same preprocessing applies), then served in batches as views of
/// those arrays: repeated passes (several evaluations, epochs) decode the files only once.
/// </summary>
internal sealed class InMemoryDataSource : IDataSource
{
    private readonly IDataSource inner;
    private readonly ArraySlicer slicer;

    public InMemoryDataSource(IDataSource inner, CancellationToken cancellationToken)
    {
        this.inner = inner;
        var features = new Dictionary<string, List<ITensor>>(StringComparer.Ordinal);
        var labels = new Dictionary<string, List<ITensor>>(StringComparer.Ordinal);
        long count = 0;
        foreach (var batch in inner.ReadBatches(ReadBatchSize, null, cancellationToken))
        {
            foreach (var (name, tensor) in batch.Features) Part(features, name).Add(tensor);
            foreach (var (name, tensor) in batch.Labels) Part(labels, name).Add(tensor);
            count += batch.Count;
        }
        if (count == 0) throw new DataFormatException(inner.Name, null, "it holds no records.");
        slicer = new ArraySlicer(Join(features), Join(labels));
        Count = count;
    }

    /// <summary>Records per read while loading (the batch size of the later passes is independent of it).</summary>
    private const int ReadBatchSize = 4096;

    public string Name => inner.Name;

    public string Description => inner.Description;

    public long? Count { get; }

    public IReadOnlyList<DataField> Features => inner.Features;

    public IReadOnlyList<DataField> Labels => inner.Labels;

    public IReadOnlyList<string>? ClassNames => inner.ClassNames;

    public bool InMemory => true;

    public IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default) =>
        slicer.ReadBatches(batchSize, progress, cancellationToken);

    private static List<ITensor> Part(Dictionary<string, List<ITensor>> parts, string name) =>
        parts.TryGetValue(name, out var list) ? list : parts[name] = [];

    /// <summary>Each array's batches, concatenated along the record axis into one tensor.</summary>
    private static Dictionary<string, ITensor> Join(Dictionary<string, List<ITensor>> parts)
    {
        var joined = new Dictionary<string, ITensor>(parts.Count, StringComparer.Ordinal);
        foreach (var (name, tensors) in parts)
        {
            var bytes = new byte[checked(tensors.Sum(t => t.ByteCount))];
            long offset = 0;
            foreach (var tensor in tensors)
            {
                tensor.GetRawData().Span[..(int)tensor.ByteCount].CopyTo(bytes.AsSpan((int)offset));
                offset += tensor.ByteCount;
            }
            long[] dims = [tensors.Sum(t => t.Dims[0]), .. tensors[0].Dims.Skip(1)];
            joined[name] = new DenseTensor(tensors[0].DataType, dims, bytes, name);
        }
        return joined;
    }
}
