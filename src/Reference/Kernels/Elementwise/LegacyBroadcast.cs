using OnnxKit.Reference.Engine;

namespace OnnxKit.Reference.Kernels.Elementwise;

/// <summary>
/// Broadcasting as ai.onnx opsets 1–6 define it for Add, Sub, Mul, Div, Pow, And, Or, Xor, Equal, Greater
/// and Less (opset 7 replaced it with NumPy's rule). Without <c>broadcast=1</c> both operands have the
/// same shape. With it, B (of rank at most A's) lines up with A's dims starting at <c>axis</c>, or with
/// A's last dims when <c>axis</c> is absent, and is repeated along A's other dims; the result has A's
/// shape. A B dim of 1 facing a larger A dim is repeated too (PyTorch's opset-6 exports rely on it).
/// </summary>
/// <remarks>
/// The kernels reuse the NumPy-broadcasting implementations: B is reshaped to A's rank, with 1 for every
/// dim outside the aligned span, so NumPy's rule then repeats it exactly as the old rule does.
/// </remarks>
internal static class LegacyBroadcast
{
    /// <summary>A kernel applying <paramref name="op"/> (a NumPy-broadcasting binary) to A and B aligned by the old rule.</summary>
    public static Kernel Binary(Func<TensorValue, TensorValue, TensorValue> op) =>
        c => c.SetOutput(0, op(c.Input(0), Align(c, c.Input(0), c.Input(1))));

    /// <summary>B reshaped to A's rank as the node's <c>broadcast</c> and <c>axis</c> attributes place it.</summary>
    public static TensorValue Align(OpContext c, TensorValue a, TensorValue b)
    {
        string op = $"{c.OpType}-{c.Version}";
        if (c.Int("broadcast", 0) == 0)
        {
            if (!a.Dims.AsSpan().SequenceEqual(b.Dims))
                throw new OnnxKitException($"{op} without broadcast=1 needs operands of the same shape, got {a.Describe()} and {b.Describe()}.");
            return b;
        }
        if (b.Rank > a.Rank)
            throw new OnnxKitException($"{op} broadcasts B to A's shape, but B {b.Describe()} has a higher rank than A {a.Describe()}.");
        long axis = c.IntOrNull("axis") is long given ? (given < 0 ? given + a.Rank : given) : a.Rank - b.Rank;
        if (axis < 0 || axis + b.Rank > a.Rank)
            throw new OnnxKitException($"{op}: B {b.Describe()} placed at axis {c.IntOrNull("axis")} does not fit inside A {a.Describe()}.");
        var dims = Enumerable.Repeat(1, a.Rank).ToArray();
        for (int i = 0; i < b.Rank; i++)
        {
            int target = (int)axis + i;
            if (b.Dims[i] != a.Dims[target] && b.Dims[i] != 1)
                throw new OnnxKitException($"{op}: B {b.Describe()} placed at axis {axis} does not match A {a.Describe()} (dim {target}: {b.Dims[i]} against {a.Dims[target]}).");
            dims[target] = b.Dims[i];
        }
        return b.Reshaped(dims);
    }

    /// <summary>
    /// The kernel <paramref name="fold"/> (which folds the inputs) behind a check that they all have the
    /// first one's shape: Max, Min, Sum and Mean before opset 8 do not broadcast.
    /// </summary>
    public static Kernel SameShapes(Kernel fold) => c =>
    {
        var first = c.Input(0);
        for (int i = 1; i < c.InputCount; i++)
        {
            if (!c.Input(i).Dims.AsSpan().SequenceEqual(first.Dims))
                throw new OnnxKitException($"{c.OpType}-{c.Version} needs inputs of one shape (it does not broadcast), got {first.Describe()} and {c.Input(i).Describe()}.");
        }
        fold(c);
    };
}
