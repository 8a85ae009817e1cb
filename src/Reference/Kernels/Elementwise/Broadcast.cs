namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>NumPy-style broadcasting for elementwise kernels.</summary>
internal static class Broadcast
{
    /// <summary>
    /// For each element of a tensor of <paramref name="outDims"/> (row-major), the offset of the
    /// element it reads in a tensor of <paramref name="inDims"/> broadcast to it.
    /// </summary>
    public static int[] Offsets(int[] inDims, int[] outDims)
    {
        int n = ShapeMath.ElementCount(outDims);
        var offsets = new int[n];
        if (n == 0) return offsets;
        if (inDims.AsSpan().SequenceEqual(outDims))
        {
            for (int i = 0; i < n; i++) offsets[i] = i;
            return offsets;
        }
        var strides = ShapeMath.BroadcastStrides(inDims, outDims);
        int rank = outDims.Length;
        if (rank == 0) return offsets;
        int inner = outDims[rank - 1], innerStride = strides[rank - 1];
        var index = new int[rank];
        int baseOffset = 0;
        for (int start = 0; start < n; start += inner)
        {
            for (int j = 0; j < inner; j++) offsets[start + j] = baseOffset + j * innerStride;
            for (int d = rank - 2; d >= 0; d--)
            {
                baseOffset += strides[d];
                if (++index[d] < outDims[d]) break;
                baseOffset -= strides[d] * outDims[d];
                index[d] = 0;
            }
        }
        return offsets;
    }

    /// <summary>Applies <paramref name="op"/> elementwise with broadcasting.</summary>
    public static TOut[] Map<TA, TB, TOut>(TA[] a, int[] aDims, TB[] b, int[] bDims, out int[] outDims, Func<TA, TB, TOut> op)
    {
        outDims = ShapeMath.Broadcast(aDims, bDims);
        int n = ShapeMath.ElementCount(outDims);
        var result = new TOut[n];
        if (aDims.AsSpan().SequenceEqual(bDims))
        {
            for (int i = 0; i < n; i++) result[i] = op(a[i], b[i]);
        }
        else if (b.Length == 1 && aDims.Length == outDims.Length)
        {
            var scalar = b[0];
            for (int i = 0; i < n; i++) result[i] = op(a[i], scalar);
        }
        else
        {
            var ia = Offsets(aDims, outDims);
            var ib = Offsets(bDims, outDims);
            for (int i = 0; i < n; i++) result[i] = op(a[ia[i]], b[ib[i]]);
        }
        return result;
    }
}
