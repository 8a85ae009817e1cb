using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Tensor;

/// <summary>Reading shape-like inputs: integer lists, scalars and axis sets.</summary>
internal static class KernelInputs
{
    /// <summary>The elements of an integer tensor as longs.</summary>
    public static long[] Longs(TensorValue t) => ElementConverter.ToInt64s(t);

    /// <summary>The single element of a tensor as a double.</summary>
    public static double Scalar(TensorValue t) =>
        t.ElementCount == 1 ? ElementConverter.ToDoubles(t)[0] : throw new OnnxKitException($"expected a single value, got {t.Describe()}.");

    /// <summary>The single element of an integer tensor as a long.</summary>
    public static long ScalarLong(TensorValue t) =>
        t.ElementCount == 1 ? ElementConverter.ToInt64s(t)[0] : throw new OnnxKitException($"expected a single value, got {t.Describe()}.");

    /// <summary>Normalizes axes against <paramref name="rank"/>, rejecting duplicates.</summary>
    public static int[] Axes(IEnumerable<long> axes, int rank)
    {
        var result = axes.Select(a => ShapeMath.NormalizeAxis(a, rank)).ToArray();
        if (result.Distinct().Count() != result.Length) throw new OnnxKitException($"axes [{string.Join(",", axes)}] repeat an axis.");
        return result;
    }

    /// <summary>Converts a shape-like long list to int dims, rejecting sizes the evaluator cannot hold.</summary>
    public static int[] Dims(IReadOnlyList<long> dims) => ShapeMath.ToInt(dims);
}
