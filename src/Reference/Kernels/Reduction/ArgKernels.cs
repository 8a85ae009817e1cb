using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Reduction;

/// <summary>Operators that work along one axis: ArgMax, ArgMin, CumSum, CumProd, TopK.</summary>
internal static class ArgKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("ArgMax", 1, 13, c => Arg(c, larger: true), computesInFloat32: true);
        r.Add("ArgMin", 1, 13, c => Arg(c, larger: false), computesInFloat32: true);
        r.Add("CumSum", 11, 14, c => Cumulative(c, (a, b) => a + b, 0), computesInFloat32: true);
        r.Add("CumProd", 26, 26, c => Cumulative(c, (a, b) => a * b, 1), computesInFloat32: true);
        r.Add("TopK", 1, 24, TopK, computesInFloat32: true);
    }

    /// <summary>Splits <paramref name="dims"/> around <paramref name="axis"/>: (elements before, length, elements after).</summary>
    private static (int Outer, int Length, int Inner) Around(int[] dims, int axis) =>
        (ShapeMath.Product(dims, 0, axis), dims[axis], ShapeMath.Product(dims, axis + 1, dims.Length));

    private static void Arg(OpContext c, bool larger)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", 0), x.Rank);
        bool keepDims = c.Int("keepdims", 1) != 0, last = c.Int("select_last_index", 0) != 0;
        var values = ElementConverter.ToDoubles(x);
        var (outer, length, inner) = Around(x.Dims, axis);
        var result = new long[outer * inner];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                int best = 0;
                for (int j = 1; j < length; j++)
                {
                    double v = values[(o * length + j) * inner + i], b = values[(o * length + best) * inner + i];
                    if (larger ? v > b || (last && v == b) : v < b || (last && v == b)) best = j;
                }
                result[o * inner + i] = best;
            }
        }
        var dims = keepDims ? x.Dims.Select((d, a) => a == axis ? 1 : d).ToArray() : x.Dims.Where((_, a) => a != axis).ToArray();
        c.SetOutput(0, new TensorValue(DataType.Int64, dims, result));
    }

    private static void Cumulative(OpContext c, Func<double, double, double> combine, double identity)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(KernelInputs.ScalarLong(c.Input(1)), x.Rank);
        bool exclusive = c.Int("exclusive", 0) != 0, reverse = c.Int("reverse", 0) != 0;
        var values = ElementConverter.ToDoubles(x);
        var result = new double[values.Length];
        var (outer, length, inner) = Around(x.Dims, axis);
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                double running = identity;
                for (int step = 0; step < length; step++)
                {
                    int j = reverse ? length - 1 - step : step;
                    int at = (o * length + j) * inner + i;
                    if (exclusive)
                    {
                        result[at] = running;
                        running = combine(running, values[at]);
                    }
                    else
                    {
                        running = combine(running, values[at]);
                        result[at] = running;
                    }
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, x.Dims, ElementConverter.FromDoubles(result, x.ElementType)));
    }

    private static void TopK(OpContext c)
    {
        var x = c.Input(0);
        int axis = ShapeMath.NormalizeAxis(c.Int("axis", -1), x.Rank);
        long k = c.Version >= 10 ? KernelInputs.ScalarLong(c.Input(1)) : c.Required("k").AsInt();
        bool largest = c.Int("largest", 1) != 0;
        var (outer, length, inner) = Around(x.Dims, axis);
        if (k < 0 || k > length) throw new OnnxKitException($"k = {k} is outside [0, {length}].");
        var values = ElementConverter.ToDoubles(x);
        var dims = (int[])x.Dims.Clone();
        dims[axis] = (int)k;
        var picked = new int[outer * (int)k * inner];
        var indices = new long[picked.Length];
        var order = new int[length];
        for (int o = 0; o < outer; o++)
        {
            for (int i = 0; i < inner; i++)
            {
                for (int j = 0; j < length; j++) order[j] = j;
                int rowBase = o * length * inner + i;
                Array.Sort(order, (p, q) =>
                {
                    double a = values[rowBase + p * inner], b = values[rowBase + q * inner];
                    int byValue = largest ? Compare(b, a) : Compare(a, b);
                    return byValue != 0 ? byValue : p.CompareTo(q);
                });
                for (int j = 0; j < k; j++)
                {
                    int at = (o * (int)k + j) * inner + i;
                    picked[at] = rowBase + order[j] * inner;
                    indices[at] = order[j];
                }
            }
        }
        c.SetOutput(0, Gathering.Take(x, picked, dims));
        c.SetOutput(1, new TensorValue(DataType.Int64, dims, indices));
    }

    /// <summary>Orders NaN above every number, as NumPy's sort does.</summary>
    private static int Compare(double a, double b) => double.IsNaN(a) ? (double.IsNaN(b) ? 0 : 1) : double.IsNaN(b) ? -1 : a.CompareTo(b);
}
