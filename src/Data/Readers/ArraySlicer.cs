using OnnxKit.Ir;

namespace OnnxKit.Data.Readers;

/// <summary>Serves arrays held in memory (first axis = record) as batches: views of the arrays, not copies.</summary>
internal sealed class ArraySlicer(IReadOnlyDictionary<string, ITensor> features, IReadOnlyDictionary<string, ITensor> labels)
{
    private readonly long count = features.Values.First().Dims[0];

    public IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        for (long start = 0; start < count; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int n = (int)Math.Min(batchSize, count - start);
            var batch = new DataBatch(start, n, Slice(features, start, n), Slice(labels, start, n));
            progress?.Report(new DataProgress(start + n, count));
            yield return batch;
        }
    }

    /// <summary>Records <paramref name="start"/> to <paramref name="start"/> + <paramref name="n"/> of each array, as views.</summary>
    public static Dictionary<string, ITensor> Slice(IReadOnlyDictionary<string, ITensor> arrays, long start, int n)
    {
        var slices = new Dictionary<string, ITensor>(arrays.Count, StringComparer.Ordinal);
        foreach (var (name, array) in arrays)
        {
            long recordBytes = array.ByteCount / array.Dims[0];
            var dims = array.Dims.ToArray();
            dims[0] = n;
            slices[name] = new DenseTensor(array.DataType, dims, array.GetRawData().Slice(checked((int)(start * recordBytes)), checked((int)(n * recordBytes))), name);
        }
        return slices;
    }
}
