using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Reduction;

/// <summary>
/// The Reduce* operators (axes as an attribute before opset 13/18, as an input after), computed
/// in double precision. An empty reduction gives the operation's identity (0 for sums, 1 for
/// products, −∞/+∞ for max/min).
/// </summary>
internal static class ReduceKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        Register(r, "ReduceSum", 13, Sum);
        Register(r, "ReduceMean", 18, values => values.Length == 0 ? double.NaN : Sum(values) / values.Length);
        Register(r, "ReduceMax", 18, values => values.Length == 0 ? double.NegativeInfinity : Max(values), lastVersion: 20);
        Register(r, "ReduceMin", 18, values => values.Length == 0 ? double.PositiveInfinity : -Max(values.Select(v => -v).ToArray()), lastVersion: 20);
        Register(r, "ReduceProd", 18, values => values.Aggregate(1.0, (a, b) => a * b));
        Register(r, "ReduceL1", 18, values => values.Sum(Math.Abs));
        Register(r, "ReduceL2", 18, values => Math.Sqrt(values.Sum(v => v * v)));
        Register(r, "ReduceSumSquare", 18, values => values.Sum(v => v * v));
        Register(r, "ReduceLogSum", 18, values => Math.Log(Sum(values)));
        Register(r, "ReduceLogSumExp", 18, LogSumExp);
    }

    private static void Register(KernelRegistry r, string op, int axesInputSince, Func<double[], double> reduce, int? lastVersion = null)
    {
        r.Add(op, 1, axesInputSince - 1, c => c.SetOutput(0, Reduce(c.Input(0), c.Ints("axes"), c.Int("keepdims", 1) != 0, false, reduce)), computesInFloat32: true);
        r.Add(op, axesInputSince, lastVersion ?? axesInputSince, c => c.SetOutput(0, Reduce(c.Input(0),
            c.OptionalInput(1) is { } axes ? KernelInputs.Longs(axes) : null, c.Int("keepdims", 1) != 0, c.Int("noop_with_empty_axes", 0) != 0, reduce)), computesInFloat32: true);
    }

    private static double Sum(double[] values)
    {
        double sum = 0;
        foreach (double v in values) sum += v;
        return sum;
    }

    private static double Max(double[] values)
    {
        double best = double.NegativeInfinity;
        foreach (double v in values)
        {
            if (double.IsNaN(v)) return v;
            if (v > best) best = v;
        }
        return best;
    }

    private static double LogSumExp(double[] values)
    {
        if (values.Length == 0) return double.NegativeInfinity;
        double max = Max(values);
        if (double.IsInfinity(max)) return max;
        return max + Math.Log(values.Sum(v => Math.Exp(v - max)));
    }

    /// <summary>Reduces <paramref name="x"/> over <paramref name="axes"/> (all axes when null or empty, unless <paramref name="noopWithEmptyAxes"/>).</summary>
    public static TensorValue Reduce(TensorValue x, IReadOnlyList<long>? axes, bool keepDims, bool noopWithEmptyAxes, Func<double[], double> reduce)
    {
        if ((axes is null || axes.Count == 0) && noopWithEmptyAxes) return x;
        var reduced = axes is null || axes.Count == 0 ? Enumerable.Range(0, x.Rank).ToArray() : KernelInputs.Axes(axes, x.Rank);
        var kept = Enumerable.Range(0, x.Rank).Where(a => !reduced.Contains(a)).ToArray();
        var values = ElementConverter.ToDoubles(x);
        int rows = ShapeMath.ElementCount(kept.Select(a => x.Dims[a]).ToArray());
        int rowLength = ShapeMath.ElementCount(reduced.Select(a => x.Dims[a]).ToArray());
        var grouped = kept.Length == 0 || reduced.Length == 0 || IsTail(reduced, x.Rank)
            ? values
            : ElementConverter.ToDoubles(Gathering.Transpose(new TensorValue(DataType.Double, x.Dims, values), [.. kept, .. reduced]));
        var result = new double[rows];
        var row = new double[rowLength];
        for (int i = 0; i < rows; i++)
        {
            Array.Copy(grouped, i * rowLength, row, 0, rowLength);
            result[i] = reduce(row);
        }
        var dims = keepDims
            ? x.Dims.Select((d, a) => reduced.Contains(a) ? 1 : d).ToArray()
            : kept.Select(a => x.Dims[a]).ToArray();
        return new TensorValue(x.ElementType, dims, ElementConverter.FromDoubles(result, x.ElementType));
    }

    private static bool IsTail(int[] axes, int rank) => axes.Order().SequenceEqual(Enumerable.Range(rank - axes.Length, axes.Length));
}
