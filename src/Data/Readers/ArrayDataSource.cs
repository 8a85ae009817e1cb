using OnnxKit.Ir;
using OnnxKit.Serialization.NumPy;

namespace OnnxKit.Data.Readers;

/// <summary>
/// Named arrays whose first axis is the record: a <c>.npz</c> archive or a folder of <c>.npy</c>
/// files. Arrays named <c>y</c> or <c>y/OUTPUT</c> are labels, every other array is a feature
/// (<c>x</c>, or one per model input). Integer labels become int64; floating-point labels
/// (regression targets, one-hot or multi-label rows) are kept as they are. The arrays are
/// read when the source opens (NumPy files are read whole) and served in batches.
/// </summary>
internal sealed class ArrayDataSource : DataSourceBase
{
    private readonly string path;
    private readonly ArraySlicer slicer;

    private ArrayDataSource(string path, IReadOnlyDictionary<string, ITensor> arrays)
    {
        this.path = path;
        if (arrays.Count == 0) throw new DataFormatException(path, null, "it holds no arrays.");
        var f = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        var l = new Dictionary<string, ITensor>(StringComparer.Ordinal);
        long? count = null;
        string? first = null;
        foreach (var (name, array) in arrays)
        {
            if (array.Dims.Count == 0) throw new DataFormatException(path, null, $"array '{name}' is a scalar; data arrays have one record per entry of their first axis.");
            if (count is null) (count, first) = (array.Dims[0], name);
            else if (array.Dims[0] != count)
                throw new DataFormatException(path, null, $"array '{name}' has {array.Dims[0]} records but '{first}' has {count}; every array needs one entry per record.");
            bool isLabel = name == DataBatch.DefaultLabelName || name.StartsWith(DataBatch.DefaultLabelName + "/", StringComparison.Ordinal);
            if (isLabel) l[name] = array.DataType.IsFloatingPoint() ? array : ToInt64(array, name);
            else f[name] = array;
        }
        if (count == 0) throw new DataFormatException(path, null, "its arrays hold no records.");
        if (f.Count == 0) throw new DataFormatException(path, null, "it holds only labels; add the features as 'x' or as arrays named after the model's inputs.");
        slicer = new ArraySlicer(f, l);
        Count = count;
        Features = f.Select(p => new DataField(p.Key, p.Value.DataType, p.Value.Dims.Skip(1).ToArray())).ToArray();
        Labels = l.Select(p => new DataField(p.Key, p.Value.DataType, p.Value.Dims.Skip(1).ToArray())).ToArray();
        Name = path;
        Description = $"{path} ({count:N0} records)";
    }

    /// <summary>Opens a <c>.npz</c> archive.</summary>
    public static ArrayDataSource OpenNpz(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, null, "the file does not exist.");
        if (new FileInfo(path).Length == 0) throw new DataFormatException(path, null, "the file is empty.");
        return new ArrayDataSource(path, Read(path, () => NpzFile.Read(path)));
    }

    /// <summary>Opens a folder of <c>.npy</c> files (sub-folders give <c>y/OUTPUT</c>-style names).</summary>
    public static ArrayDataSource OpenFolder(string path)
    {
        var files = Directory.EnumerateFiles(path, "*.npy", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToArray();
        return new ArrayDataSource(path, Read(path, () => files.ToDictionary(
            f => Path.GetRelativePath(path, f)[..^4].Replace(Path.DirectorySeparatorChar, '/'),
            f => new FileInfo(f).Length == 0 ? throw new DataFormatException(f, null, "the file is empty.") : NpyFile.Read(f),
            StringComparer.Ordinal)));
    }

    public override IEnumerable<DataBatch> ReadBatches(int batchSize, IProgress<DataProgress>? progress = null, CancellationToken cancellationToken = default) =>
        slicer.ReadBatches(batchSize, progress, cancellationToken);

    private static IReadOnlyDictionary<string, ITensor> Read(string path, Func<IReadOnlyDictionary<string, ITensor>> read)
    {
        try
        {
            return read();
        }
        catch (OnnxKitException e) when (e is not DataFormatException)
        {
            throw new DataFormatException(path, null, e.Message, e);
        }
    }

    private DenseTensor ToInt64(ITensor array, string name)
    {
        if (array.DataType is not (DataType.UInt8 or DataType.Int8 or DataType.Int16 or DataType.UInt16 or DataType.Int32 or DataType.UInt32 or DataType.Int64 or DataType.UInt64 or DataType.Bool))
            throw new DataFormatException(path, null, $"labels '{name}' hold {array.DataType.OnnxName()} values; labels are integers (class indices) or floating point (targets).");
        return DenseTensor.FromInt64s(array.ToInt64Array(), array.Dims.ToArray(), name);
    }
}
