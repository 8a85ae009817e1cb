using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Reading and writing by index: Gather, GatherElements, GatherND, Scatter, ScatterElements, ScatterND, TensorScatter, OneHot, NonZero.</summary>
internal static class IndexingKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Gather", 1, 13, Gather);
        r.Add("GatherElements", 11, 13, GatherElements);
        r.Add("GatherND", 11, 13, GatherNd);
        r.Add("Scatter", 9, 9, c => c.SetOutput(0, ScatterElements(c.Input(0), c.Input(1), c.Input(2), c.Int("axis", 0), "none")));
        r.Add("ScatterElements", 11, 18, c => c.SetOutput(0, ScatterElements(c.Input(0), c.Input(1), c.Input(2), c.Int("axis", 0), c.String("reduction", "none"))));
        r.Add("ScatterND", 11, 18, ScatterNd);
        r.Add("TensorScatter", 24, 24, TensorScatter);
        r.Add("OneHot", 9, 11, OneHot);
        r.Add("NonZero", 9, 13, NonZero);
    }

    /// <summary>Resolves a possibly negative index against <paramref name="dim"/>.</summary>
    public static int Index(long index, int dim)
    {
        long i = index < 0 ? index + dim : index;
        if (i < 0 || i >= dim) throw new OnnxKitException($"index {index} is out of range for a dimension of size {dim}.");
        return (int)i;
    }

    private static void Gather(OpContext c)
    {
        var data = c.Input(0);
        var indices = KernelInputs.Longs(c.Input(1));
        var indexDims = c.Input(1).Dims;
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", 0), data.Rank);
        int outer = ShapeMath.Product(data.Dims, 0, axis), inner = ShapeMath.Product(data.Dims, axis + 1, data.Rank), dim = data.Dims[axis];
        var dims = data.Dims[..axis].Concat(indexDims).Concat(data.Dims[(axis + 1)..]).ToArray();
        var offsets = new int[ShapeMath.ElementCount(dims)];
        int k = 0;
        for (int o = 0; o < outer; o++)
        {
            foreach (long index in indices)
            {
                int baseOffset = (o * dim + Index(index, dim)) * inner;
                for (int i = 0; i < inner; i++) offsets[k++] = baseOffset + i;
            }
        }
        c.SetOutput(0, Gathering.Take(data, offsets, dims));
    }

    private static void GatherElements(OpContext c)
    {
        var data = c.Input(0);
        var indexTensor = c.Input(1);
        var indices = KernelInputs.Longs(indexTensor);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", 0), data.Rank);
        var offsets = ElementOffsets(data.Dims, indexTensor.Dims, indices, axis);
        c.SetOutput(0, Gathering.Take(data, offsets, indexTensor.Dims));
    }

    /// <summary>For each index element: the data offset at its own position with coordinate <paramref name="axis"/> replaced by the index.</summary>
    private static int[] ElementOffsets(int[] dataDims, int[] indexDims, long[] indices, int axis)
    {
        if (indexDims.Length != dataDims.Length) throw new OnnxKitException("indices must have the rank of data.");
        var dataStrides = ShapeMath.Strides(dataDims);
        var indexStrides = ShapeMath.Strides(indexDims);
        var offsets = new int[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            int rem = i, offset = 0;
            for (int a = 0; a < indexDims.Length; a++)
            {
                int coordinate = rem / indexStrides[a];
                rem %= indexStrides[a];
                offset += (a == axis ? Index(indices[i], dataDims[a]) : coordinate) * dataStrides[a];
            }
            offsets[i] = offset;
        }
        return offsets;
    }

    private static TensorValue ScatterElements(TensorValue data, TensorValue indexTensor, TensorValue updates, long axisValue, string reduction)
    {
        int axis = ShapeMath.NormalizeAxis(axisValue, data.Rank);
        var offsets = ElementOffsets(data.Dims, indexTensor.Dims, KernelInputs.Longs(indexTensor), axis);
        return ScatterAt(data, offsets, updates, reduction);
    }

    /// <summary>Writes (or reduces) each update element into a copy of <paramref name="data"/> at its offset, in order.</summary>
    private static TensorValue ScatterAt(TensorValue data, int[] offsets, TensorValue updates, string reduction)
    {
        if (reduction == "none") return Gathering.Scatter(data, offsets, updates);
        if (data.ElementType == DataType.Bool || data.ElementType == DataType.String)
            throw NumericTypes.Unsupported(data.ElementType);
        var values = ElementConverter.ToDoubles(data);
        var update = ElementConverter.ToDoubles(updates);
        Func<double, double, double> combine = reduction switch
        {
            "add" => (a, b) => a + b,
            "mul" => (a, b) => a * b,
            "max" => Math.Max,
            "min" => Math.Min,
            _ => throw new OnnxKitException($"reduction '{reduction}' is not one of none, add, mul, max, min."),
        };
        for (int j = 0; j < offsets.Length; j++) values[offsets[j]] = combine(values[offsets[j]], update[j]);
        return new TensorValue(data.ElementType, data.Dims, ElementConverter.FromDoubles(values, data.ElementType));
    }

    private static void GatherNd(OpContext c)
    {
        var data = c.Input(0);
        var indexTensor = c.Input(1);
        int batchDims = (int)c.Int("batch_dims", 0);
        var (offsets, sliceSize, leading) = NdSlices(data.Dims, indexTensor, batchDims);
        int depth = indexTensor.Dims[^1];
        var dims = leading.Concat(data.Dims[(batchDims + depth)..]).ToArray();
        var all = new int[offsets.Length * sliceSize];
        for (int s = 0; s < offsets.Length; s++)
        {
            for (int i = 0; i < sliceSize; i++) all[s * sliceSize + i] = offsets[s] + i;
        }
        c.SetOutput(0, Gathering.Take(data, all, dims));
    }

    /// <summary>
    /// For GatherND/ScatterND: the data offset of each addressed slice, the slice size, and the
    /// shape of the index tuples (indices' dims without the last one).
    /// </summary>
    private static (int[] Offsets, int SliceSize, int[] Leading) NdSlices(int[] dataDims, TensorValue indexTensor, int batchDims)
    {
        var indices = KernelInputs.Longs(indexTensor);
        int depth = indexTensor.Dims[^1];
        if (batchDims + depth > dataDims.Length) throw new OnnxKitException("index tuples are longer than the data's rank allows.");
        var leading = indexTensor.Dims[..^1];
        int tuples = ShapeMath.ElementCount(leading);
        int batchCount = ShapeMath.Product(dataDims, 0, batchDims);
        int perBatch = batchCount == 0 ? 0 : tuples / batchCount;
        var strides = ShapeMath.Strides(dataDims);
        int sliceSize = ShapeMath.Product(dataDims, batchDims + depth, dataDims.Length);
        int batchStride = batchDims == 0 ? 0 : strides[batchDims - 1];
        var offsets = new int[tuples];
        for (int t = 0; t < tuples; t++)
        {
            int offset = perBatch == 0 ? 0 : t / perBatch * batchStride;
            for (int d = 0; d < depth; d++) offset += Index(indices[t * depth + d], dataDims[batchDims + d]) * strides[batchDims + d];
            offsets[t] = offset;
        }
        return (offsets, sliceSize, leading);
    }

    private static void ScatterNd(OpContext c)
    {
        var data = c.Input(0);
        var (slices, sliceSize, _) = NdSlices(data.Dims, c.Input(1), 0);
        var offsets = new int[slices.Length * sliceSize];
        for (int s = 0; s < slices.Length; s++)
        {
            for (int i = 0; i < sliceSize; i++) offsets[s * sliceSize + i] = slices[s] + i;
        }
        c.SetOutput(0, ScatterAt(data, offsets, c.Input(2), c.String("reduction", "none")));
    }

    private static void TensorScatter(OpContext c)
    {
        var past = c.Input(0);
        var update = c.Input(1);
        var writeIndices = c.OptionalInput(2) is { } w ? KernelInputs.Longs(w) : null;
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", -2), past.Rank);
        bool circular = c.String("mode", "linear") == "circular";
        int maxLength = past.Dims[axis];
        var pastStrides = ShapeMath.Strides(past.Dims);
        var updateStrides = ShapeMath.Strides(update.Dims);
        var offsets = new int[update.ElementCount];
        for (int i = 0; i < offsets.Length; i++)
        {
            int rem = i, offset = 0, batch = 0;
            for (int a = 0; a < update.Rank; a++)
            {
                int coordinate = rem / updateStrides[a];
                rem %= updateStrides[a];
                if (a == 0) batch = coordinate;
                if (a == axis)
                {
                    long position = coordinate + (writeIndices?[batch] ?? 0);
                    coordinate = circular ? (int)(position % maxLength) : Index(position, maxLength);
                }
                offset += coordinate * pastStrides[a];
            }
            offsets[i] = offset;
        }
        c.SetOutput(0, Gathering.Scatter(past, offsets, update));
    }

    private static void OneHot(OpContext c)
    {
        var indices = ElementConverter.ToDoubles(c.Input(0));
        long depth = (long)KernelInputs.Scalar(c.Input(1));
        var values = c.Input(2);
        int rank = c.Input(0).Rank + 1;
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", -1), rank);
        var indexDims = c.Input(0).Dims;
        var dims = indexDims[..axis].Append((int)depth).Concat(indexDims[axis..]).ToArray();
        int outer = ShapeMath.Product(indexDims, 0, axis), inner = ShapeMath.Product(indexDims, axis, indexDims.Length);
        var picks = new int[ShapeMath.ElementCount(dims)];
        for (int o = 0; o < outer; o++)
        {
            for (int d = 0; d < depth; d++)
            {
                for (int i = 0; i < inner; i++)
                {
                    long index = (long)indices[o * inner + i];
                    if (index < 0) index += depth;
                    picks[(o * depth + d) * inner + i] = index == d ? 1 : 0;
                }
            }
        }
        c.SetOutput(0, Gathering.Take(values, picks, dims));
    }

    private static void NonZero(OpContext c)
    {
        var x = c.Input(0);
        var values = x.ElementType == DataType.String ? x.Array<string>().Select(s => s.Length > 0 ? 1.0 : 0).ToArray() : ElementConverter.ToDoubles(x);
        var strides = ShapeMath.Strides(x.Dims);
        var hits = Enumerable.Range(0, values.Length).Where(i => values[i] != 0).ToArray();
        int rank = Math.Max(x.Rank, 1);
        var result = new long[rank * hits.Length];
        for (int h = 0; h < hits.Length; h++)
        {
            int rem = hits[h];
            for (int a = 0; a < x.Rank; a++)
            {
                result[a * hits.Length + h] = rem / strides[a];
                rem %= strides[a];
            }
        }
        c.SetOutput(0, new TensorValue(DataType.Int64, [x.Rank, hits.Length], x.Rank == 0 ? [] : result));
    }
}
