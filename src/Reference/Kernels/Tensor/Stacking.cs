namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Taking one index along an axis, and stacking tensors along a new axis.</summary>
internal static class Stacking
{
    /// <summary>The sub-tensor at <paramref name="index"/> along <paramref name="axis"/> (rank one less).</summary>
    public static TensorValue At(TensorValue x, int axis, int index)
    {
        var slice = LayoutKernels.Slice(x, [index], [index + 1], [axis], null);
        return slice.Reshaped(x.Dims.Where((_, a) => a != axis).ToArray());
    }

    /// <summary>Stacks equal-shaped tensors along a new axis <paramref name="axis"/>.</summary>
    public static TensorValue Stack(IReadOnlyList<TensorValue> items, int axis)
    {
        var first = items[0];
        foreach (var item in items)
        {
            if (!item.Dims.AsSpan().SequenceEqual(first.Dims) || item.ElementType != first.ElementType)
                throw new OnnxKitException($"cannot stack {first.Describe()} with {item.Describe()}.");
        }
        var expanded = items.Select(t => t.Reshaped([.. first.Dims[..axis], 1, .. first.Dims[axis..]])).ToList();
        var dims = first.Dims[..axis].Append(items.Count).Concat(first.Dims[axis..]).ToArray();
        return Gathering.Concat(expanded, axis, dims);
    }
}
