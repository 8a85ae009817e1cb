namespace OnnxKit.Ir;

/// <summary>Checks and formats the dims of concrete tensors.</summary>
public static class TensorDims
{
    /// <summary>
    /// The element count of <paramref name="dims"/>; throws a format error naming the
    /// tensor when a dim is negative or the product overflows.
    /// </summary>
    public static long ElementCount(IReadOnlyList<long> dims, string? tensorName)
    {
        long count = 1;
        foreach (long d in dims)
        {
            if (d < 0) throw new OnnxFormatException(Where(tensorName), $"dimension {d} is negative in dims {Format(dims)}.");
            try { count = checked(count * d); }
            catch (OverflowException) { throw new OnnxFormatException(Where(tensorName), $"dims {Format(dims)} describe more elements than can be addressed."); }
        }
        return count;
    }

    /// <summary>Formats dims as <c>[2,3]</c>.</summary>
    public static string Format(IEnumerable<long> dims) => "[" + string.Join(",", dims) + "]";

    private static string Where(string? tensorName) => $"tensor '{tensorName}'";
}
