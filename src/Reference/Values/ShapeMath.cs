namespace OnnxKit.Reference;

/// <summary>Arithmetic on concrete shapes: element counts, strides, axis normalization, broadcasting.</summary>
internal static class ShapeMath
{
    /// <summary>The product of the dims; throws a user-facing error when it is negative or too large for one array.</summary>
    public static int ElementCount(ReadOnlySpan<int> dims)
    {
        long count = 1;
        foreach (int d in dims)
        {
            if (d < 0) throw new OnnxKitException($"Shape {Format(dims)} has a negative dimension.");
            count *= d;
            if (count > Array.MaxLength) throw new OnnxKitException($"Shape {Format(dims)} has more elements than the reference evaluator can hold in one tensor.");
        }
        return (int)count;
    }

    /// <summary>Row-major strides of <paramref name="dims"/>.</summary>
    public static int[] Strides(ReadOnlySpan<int> dims)
    {
        var strides = new int[dims.Length];
        int stride = 1;
        for (int i = dims.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= dims[i];
        }
        return strides;
    }

    /// <summary>The product of dims[from..to).</summary>
    public static int Product(ReadOnlySpan<int> dims, int from, int to)
    {
        int p = 1;
        for (int i = from; i < to; i++) p *= dims[i];
        return p;
    }

    /// <summary>Maps a possibly negative axis into [0, rank); throws naming the op when out of range.</summary>
    public static int NormalizeAxis(long axis, int rank, string what = "axis")
    {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= Math.Max(rank, 1) || (rank == 0 && a != 0))
            throw new OnnxKitException($"{what} {axis} is out of range for a tensor of rank {rank}.");
        return (int)a;
    }

    /// <summary>The NumPy-style broadcast of two shapes; throws when they are incompatible.</summary>
    public static int[] Broadcast(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            int da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            int db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
                throw new OnnxKitException($"Shapes {Format(a)} and {Format(b)} cannot be broadcast together.");
            result[i] = da == 1 ? db : da;
        }
        return result;
    }

    /// <summary>
    /// Strides for reading a tensor of <paramref name="dims"/> as if broadcast to <paramref name="target"/>
    /// (right-aligned; 0 where a dim is 1 or missing).
    /// </summary>
    public static int[] BroadcastStrides(ReadOnlySpan<int> dims, ReadOnlySpan<int> target)
    {
        var own = Strides(dims);
        var result = new int[target.Length];
        int offset = target.Length - dims.Length;
        for (int i = 0; i < dims.Length; i++) result[i + offset] = dims[i] == 1 ? 0 : own[i];
        return result;
    }

    /// <summary>Formats as <c>[2,3]</c>.</summary>
    public static string Format(ReadOnlySpan<int> dims) => "[" + string.Join(",", dims.ToArray()) + "]";

    /// <summary>Converts ONNX int64 dims to int dims, rejecting sizes the evaluator cannot hold.</summary>
    public static int[] ToInt(IReadOnlyList<long> dims)
    {
        var result = new int[dims.Count];
        for (int i = 0; i < result.Length; i++)
        {
            if (dims[i] is < 0 or > int.MaxValue)
                throw new OnnxKitException($"Dimension {dims[i]} in {Ir.TensorDims.Format(dims)} is out of range.");
            result[i] = (int)dims[i];
        }
        ElementCount(result);
        return result;
    }
}
