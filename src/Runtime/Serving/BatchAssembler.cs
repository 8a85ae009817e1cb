using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// Concatenates requests along the first dim into one batch and splits a batch's outputs
/// back into per-request slices. Tensors are row-major, so rows of the first dim are
/// contiguous byte ranges and both directions are plain copies.
/// </summary>
internal static class BatchAssembler
{
    /// <summary>
    /// Why a model cannot be batched (an input or output whose first dim is fixed), or null.
    /// </summary>
    public static string? Unbatchable(IReadOnlyList<TensorSpec> inputs, IReadOnlyList<TensorSpec> outputs)
    {
        foreach (var spec in inputs.Concat(outputs))
        {
            if (spec.Shape is null || spec.Shape.Rank == 0) return $"{spec} has no first dim to batch along";
            if (spec.Shape[0].IsKnown) return $"{spec} has a fixed first dim";
        }
        return null;
    }

    /// <summary>The rows of a request: the first dim its inputs share.</summary>
    public static long Rows(IReadOnlyDictionary<string, ITensor> inputs, string model)
    {
        long? rows = null;
        foreach (var (name, tensor) in inputs)
        {
            if (tensor.Dims.Count == 0) throw new OnnxKitException($"Model '{model}': input '{name}' is a scalar and cannot be batched.");
            if (rows is long r && r != tensor.Dims[0])
                throw new OnnxKitException($"Model '{model}': inputs disagree on the batch dim ({r} vs {tensor.Dims[0]} for '{name}').");
            rows = tensor.Dims[0];
        }
        return rows ?? throw new OnnxKitException($"Model '{model}' has no inputs to batch.");
    }

    /// <summary>True when two requests can share a batch: the same inputs, element types and dims after the first.</summary>
    public static bool Compatible(IReadOnlyDictionary<string, ITensor> a, IReadOnlyDictionary<string, ITensor> b)
    {
        if (a.Count != b.Count) return false;
        foreach (var (name, x) in a)
        {
            if (!b.TryGetValue(name, out var y) || x.DataType != y.DataType || x.Dims.Count != y.Dims.Count) return false;
            for (int i = 1; i < x.Dims.Count; i++)
            {
                if (x.Dims[i] != y.Dims[i]) return false;
            }
        }
        return true;
    }

    /// <summary>
    /// One tensor per input holding every request's rows in order. The tensors lie in buffers
    /// rented from the shared array pool (a batch of images is megabytes, and a fresh array per
    /// run costs more than the copy); dispose the result once the run is over.
    /// </summary>
    public static MergedInputs Merge(IReadOnlyList<IReadOnlyDictionary<string, ITensor>> requests)
    {
        var merged = new MergedInputs(requests[0].Count);
        foreach (var name in requests[0].Keys)
        {
            var first = requests[0][name];
            long rows = 0, bytes = 0;
            foreach (var request in requests)
            {
                rows += request[name].Dims[0];
                bytes += request[name].ByteCount;
            }
            var data = merged.Rent(checked((int)bytes));
            int offset = 0;
            foreach (var request in requests)
            {
                var raw = request[name].GetRawData().Span;
                raw.CopyTo(data.Span[offset..]);
                offset += raw.Length;
            }
            merged.Tensors[name] = new DenseTensor(first.DataType, [rows, .. first.Dims.Skip(1)], data, name);
        }
        return merged;
    }

    /// <summary>Each request's rows of every output.</summary>
    public static Dictionary<string, ITensor>[] Split(IReadOnlyDictionary<string, ITensor> outputs, IReadOnlyList<long> rows, string model)
    {
        long total = rows.Sum();
        var parts = rows.Select(_ => new Dictionary<string, ITensor>(StringComparer.Ordinal)).ToArray();
        foreach (var (name, tensor) in outputs)
        {
            if (tensor.Dims.Count == 0 || tensor.Dims[0] != total || tensor is not DenseTensor)
                throw new OnnxKitException($"Model '{model}': output '{name}' has shape {TensorDims.Format(tensor.Dims)}, whose first dim is not the batch of {total}; the model cannot be batched.");
            long rowBytes = total == 0 ? 0 : tensor.ByteCount / total;
            var raw = tensor.GetRawData();
            long offset = 0;
            for (int i = 0; i < rows.Count; i++)
            {
                long bytes = rowBytes * rows[i];
                parts[i][name] = new DenseTensor(tensor.DataType, [rows[i], .. tensor.Dims.Skip(1)], raw.Slice((int)offset, (int)bytes), name);
                offset += bytes;
            }
        }
        return parts;
    }
}
