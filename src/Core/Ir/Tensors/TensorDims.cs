namespace OnnxKit.Ir;

/// <summary>Checks and formats the dims of concrete tensors.</summary>
public static class TensorDims
{
    /// <summary>
    /// The most elements a tensor may have: its size in bytes must fit a signed 64-bit number for
    /// every element type (the widest, complex128, takes 16 bytes), so byte counts never overflow.
    /// </summary>
    public const long MaxElements = long.MaxValue / 16;

    /// <summary>
    /// The element count of <paramref name="dims"/>; throws a format error naming the
    /// tensor when a dim is negative or the product is more than <see cref="MaxElements"/>.
    /// </summary>
    public static long ElementCount(IReadOnlyList<long> dims, string? tensorName)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0) throw new OnnxFormatException(Where(tensorName), $"dimension {d} is negative in dims {Format(dims)}.");
            if (d != 0 && count > MaxElements / d)
                throw new OnnxFormatException(Where(tensorName), $"dims {Format(dims)} describe more elements than can be addressed.");
            count *= d;
        }
        return count;
    }

    /// <summary>Formats dims as <c>[2,3]</c>.</summary>
    public static string Format(IEnumerable<long> dims) => "[" + string.Join(",", dims) + "]";

    private static string Where(string? tensorName) => $"tensor '{tensorName}'";
}
