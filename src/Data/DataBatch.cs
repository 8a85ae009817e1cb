using OnnxKit.Ir;

namespace OnnxKit.Data;

/// <summary>
/// A run of consecutive records of a data source: named feature tensors whose first axis is
/// the record, and optional label tensors keyed by name (<see cref="DefaultLabelName"/> for a
/// data set with one set of labels; an output's name for multi-output data). Record
/// <c>i</c> of the batch is record <see cref="Start"/> + <c>i</c> of the source.
/// </summary>
public sealed class DataBatch
{
    /// <summary>The key of the labels of a data set with a single set of labels.</summary>
    public const string DefaultLabelName = "y";

    /// <summary>Creates a batch; every tensor's first dimension must be <paramref name="count"/>.</summary>
    /// <exception cref="ArgumentException">A tensor's first dimension is not <paramref name="count"/>.</exception>
    public DataBatch(long start, int count, IReadOnlyDictionary<string, ITensor> features, IReadOnlyDictionary<string, ITensor>? labels = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        labels ??= new Dictionary<string, ITensor>();
        foreach (var (name, tensor) in features.Concat(labels))
        {
            if (tensor.Dims.Count == 0 || tensor.Dims[0] != count)
                throw new ArgumentException($"Tensor '{name}' has dims {TensorDims.Format(tensor.Dims)}; its first dimension must be the batch's {count} records.", nameof(features));
        }
        Start = start;
        Count = count;
        Features = features;
        Labels = labels;
    }

    /// <summary>The index, in the source, of the batch's first record.</summary>
    public long Start { get; }

    /// <summary>The number of records.</summary>
    public int Count { get; }

    /// <summary>The feature tensors, keyed by name (<c>x</c> for a data set with one feature array).</summary>
    public IReadOnlyDictionary<string, ITensor> Features { get; }

    /// <summary>The label tensors, keyed by name; empty for unlabelled data.</summary>
    public IReadOnlyDictionary<string, ITensor> Labels { get; }

    /// <summary>The labels under <see cref="DefaultLabelName"/>, or null.</summary>
    public ITensor? DefaultLabels => Labels.GetValueOrDefault(DefaultLabelName);
}
