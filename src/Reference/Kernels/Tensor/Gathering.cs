using OnnxKit.Ir;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>
/// Element-type-agnostic data movement: most shape and indexing kernels compute, for each output
/// element, the offset of the input element it copies, and let this class do the typed copy.
/// </summary>
internal static class Gathering
{
    /// <summary>A tensor of <paramref name="dims"/> whose element i is <paramref name="source"/>'s element <c>offsets[i]</c> (or <paramref name="fill"/> where the offset is negative).</summary>
    public static TensorValue Take(TensorValue source, int[] offsets, int[] dims, TensorValue? fill = null) => source.ElementType switch
    {
        DataType.Float => Take<float>(source, offsets, dims, fill),
        DataType.Double => Take<double>(source, offsets, dims, fill),
        DataType.Float16 => Take<Half>(source, offsets, dims, fill),
        DataType.BFloat16 => Take<BFloat16>(source, offsets, dims, fill),
        DataType.Bool => Take<bool>(source, offsets, dims, fill),
        DataType.String => Take<string>(source, offsets, dims, fill),
        DataType.Int16 => Take<short>(source, offsets, dims, fill),
        DataType.UInt16 => Take<ushort>(source, offsets, dims, fill),
        DataType.Int32 => Take<int>(source, offsets, dims, fill),
        DataType.UInt32 => Take<uint>(source, offsets, dims, fill),
        DataType.Int64 => Take<long>(source, offsets, dims, fill),
        DataType.UInt64 => Take<ulong>(source, offsets, dims, fill),
        DataType.Int8 or DataType.Int4 or DataType.Int2 => Take<sbyte>(source, offsets, dims, fill),
        _ => Take<byte>(source, offsets, dims, fill),
    };

    /// <summary>
    /// Offsets for an output of <paramref name="dims"/> where moving along output axis a moves the
    /// input offset by <c>contributions[a][index]</c>: the offset of an output element is the sum of
    /// its axes' contributions, or -1 (padding) when any contribution is negative.
    /// </summary>
    public static int[] Combine(int[] dims, int[][] contributions)
    {
        int n = ShapeMath.ElementCount(dims);
        var offsets = new int[n];
        int rank = dims.Length;
        if (n == 0) return offsets;
        if (rank == 0) return offsets;
        var index = new int[rank];
        var partial = new int[rank];
        int last = rank - 1;
        var inner = contributions[last];
        for (int start = 0; start < n; start += dims[last])
        {
            int outerSum = 0;
            bool padded = false;
            for (int a = 0; a < last; a++)
            {
                int v = contributions[a][index[a]];
                if (v < 0) padded = true;
                outerSum += v;
            }
            for (int j = 0; j < dims[last]; j++)
                offsets[start + j] = padded || inner[j] < 0 ? -1 : outerSum + inner[j];
            for (int a = last - 1; a >= 0; a--)
            {
                if (++index[a] < dims[a]) break;
                index[a] = 0;
            }
        }
        return offsets;
    }

    /// <summary>Contributions for an axis read with a stride: <c>start + j·step</c> times <paramref name="stride"/>.</summary>
    public static int[] Stepped(int count, long start, long step, int stride)
    {
        var result = new int[count];
        for (int j = 0; j < count; j++) result[j] = (int)(start + j * step) * stride;
        return result;
    }

    /// <summary>Permutes axes: output axis i is input axis <c>perm[i]</c>.</summary>
    public static TensorValue Transpose(TensorValue x, int[] perm)
    {
        var strides = ShapeMath.Strides(x.Dims);
        var dims = perm.Select(p => x.Dims[p]).ToArray();
        var contributions = perm.Select((p, i) => Stepped(dims[i], 0, 1, strides[p])).ToArray();
        return Take(x, Combine(dims, contributions), dims);
    }

    /// <summary>Element i comes from <paramref name="x"/> where <c>fromX[i]</c>, else from <paramref name="y"/>, at offset <c>picks[i]</c>.</summary>
    public static TensorValue Choose(TensorValue x, TensorValue y, bool[] fromX, int[] picks, int[] dims) => x.ElementType switch
    {
        DataType.Float => Choose<float>(x, y, fromX, picks, dims),
        DataType.Double => Choose<double>(x, y, fromX, picks, dims),
        DataType.Float16 => Choose<Half>(x, y, fromX, picks, dims),
        DataType.BFloat16 => Choose<BFloat16>(x, y, fromX, picks, dims),
        DataType.Bool => Choose<bool>(x, y, fromX, picks, dims),
        DataType.String => Choose<string>(x, y, fromX, picks, dims),
        DataType.Int16 => Choose<short>(x, y, fromX, picks, dims),
        DataType.UInt16 => Choose<ushort>(x, y, fromX, picks, dims),
        DataType.Int32 => Choose<int>(x, y, fromX, picks, dims),
        DataType.UInt32 => Choose<uint>(x, y, fromX, picks, dims),
        DataType.Int64 => Choose<long>(x, y, fromX, picks, dims),
        DataType.UInt64 => Choose<ulong>(x, y, fromX, picks, dims),
        DataType.Int8 or DataType.Int4 or DataType.Int2 => Choose<sbyte>(x, y, fromX, picks, dims),
        _ => Choose<byte>(x, y, fromX, picks, dims),
    };

    /// <summary>Copies <paramref name="target"/> and writes <paramref name="updates"/>' element j at offset <c>offsets[j]</c> (later writes win).</summary>
    public static TensorValue Scatter(TensorValue target, int[] offsets, TensorValue updates)
    {
        var data = (Array)target.Data.Clone();
        var source = updates.Data;
        for (int j = 0; j < offsets.Length; j++) Array.Copy(source, j, data, offsets[j], 1);
        return new TensorValue(target.ElementType, target.Dims, data);
    }

    /// <summary>Joins tensors along <paramref name="axis"/>; all have the same type and rank and agree on the other dims.</summary>
    public static TensorValue Concat(IReadOnlyList<TensorValue> parts, int axis, int[] dims)
    {
        var result = ElementStorage.Allocate(parts[0].ElementType, ShapeMath.ElementCount(dims));
        int outer = ShapeMath.Product(dims, 0, axis);
        int outRow = ShapeMath.Product(dims, axis, dims.Length);
        int offset = 0;
        foreach (var part in parts)
        {
            int row = ShapeMath.Product(part.Dims, axis, part.Rank);
            for (int o = 0; o < outer; o++) Array.Copy(part.Data, o * row, result, o * outRow + offset, row);
            offset += row;
        }
        return new TensorValue(parts[0].ElementType, dims, result);
    }

    private static TensorValue Take<T>(TensorValue source, int[] offsets, int[] dims, TensorValue? fill)
    {
        var src = source.Array<T>();
        var result = new T[offsets.Length];
        T filler = fill is null ? (typeof(T) == typeof(string) ? (T)(object)"" : default!) : fill.Array<T>()[0];
        for (int i = 0; i < result.Length; i++)
        {
            int o = offsets[i];
            result[i] = o >= 0 ? src[o] : filler;
        }
        return new TensorValue(source.ElementType, dims, result);
    }

    private static TensorValue Choose<T>(TensorValue x, TensorValue y, bool[] fromX, int[] picks, int[] dims)
    {
        var a = x.Array<T>();
        var b = y.Array<T>();
        var result = new T[picks.Length];
        for (int i = 0; i < result.Length; i++) result[i] = fromX[i] ? a[picks[i]] : b[picks[i]];
        return new TensorValue(x.ElementType, dims, result);
    }
}
