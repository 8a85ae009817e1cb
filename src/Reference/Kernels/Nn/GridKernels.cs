using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// GridSample (sampling an N-D input at normalized grid coordinates with nearest, linear or cubic
/// interpolation and zeros/border/reflection padding) and AffineGrid (the grid of an affine map).
/// </summary>
internal static class GridKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("GridSample", 16, 22, GridSample, computesInFloat32: true);
        r.Add("AffineGrid", 20, 20, AffineGrid, computesInFloat32: true);
    }

    private static void GridSample(OpContext c)
    {
        var x = c.Input(0);
        var grid = c.Input(1);
        string mode = c.String("mode", c.Version >= 20 ? "linear" : "bilinear") switch
        {
            "bilinear" => "linear",
            "bicubic" => "cubic",
            var m => m,
        };
        string padding = c.String("padding_mode", "zeros");
        bool alignCorners = c.Int("align_corners", 0) != 0;
        int spatial = x.Rank - 2;
        if (grid.Rank != x.Rank || grid.Dims[^1] != spatial) throw new OnnxKitException($"grid {grid.Describe()} does not fit input {x.Describe()}.");
        var inDims = x.Dims[2..];
        var outDims = grid.Dims[1..^1];
        int batch = x.Dims[0], channels = x.Dims[1], inSize = ShapeMath.Product(inDims, 0, spatial), outSize = ShapeMath.Product(outDims, 0, spatial);
        var data = ElementConverter.ToDoubles(x);
        var coordinates = ElementConverter.ToDoubles(grid);
        var inStrides = ShapeMath.Strides(inDims);
        var result = new double[batch * channels * outSize];
        var borderMin = inDims.Select(d => alignCorners ? 0.0 : -0.5).ToArray();
        var borderMax = inDims.Select(d => alignCorners ? d - 1.0 : d - 0.5).ToArray();
        var position = new double[spatial];
        var taps = new int[spatial][];
        var weights = new double[spatial][];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outSize; o++)
            {
                for (int d = 0; d < spatial; d++)
                {
                    double normalized = coordinates[(n * outSize + o) * spatial + (spatial - 1 - d)];
                    double v = (float)(alignCorners ? (normalized + 1) / 2 * (inDims[d] - 1) : ((normalized + 1) * inDims[d] - 1) / 2);
                    if (mode == "nearest") v = Math.Round(v, MidpointRounding.ToEven);
                    if (v < borderMin[d] || v > borderMax[d])
                    {
                        if (padding == "border") v = Math.Clamp(v, 0, inDims[d] - 1);
                        else if (padding == "reflection") v = Reflect(v, borderMin[d], borderMax[d]);
                    }
                    position[d] = v;
                    (taps[d], weights[d]) = mode switch
                    {
                        "nearest" => ([(int)v], [1.0]),
                        "linear" => Linear(v),
                        "cubic" => Cubic(v),
                        _ => throw new OnnxKitException($"GridSample mode '{mode}' is not one of nearest, linear, cubic."),
                    };
                }
                for (int ch = 0; ch < channels; ch++)
                {
                    int plane = (n * channels + ch) * inSize;
                    result[(n * channels + ch) * outSize + o] = Interpolate(data, plane, inDims, inStrides, taps, weights, 0, 0, padding, borderMin, borderMax);
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, [batch, channels, .. outDims], ElementConverter.FromDoubles(result, x.ElementType)));
    }

    private static (int[] Taps, double[] Weights) Linear(double v)
    {
        int x0 = (int)Math.Floor(v);
        double f = v - x0;
        return ([x0, x0 + 1], [1 - f, f]);
    }

    private static (int[] Taps, double[] Weights) Cubic(double v)
    {
        const double a = -0.75;
        int x0 = (int)Math.Floor(v);
        double t = Math.Abs(v - x0);
        double[] w =
        [
            ((a * (t + 1) - 5 * a) * (t + 1) + 8 * a) * (t + 1) - 4 * a,
            ((a + 2) * t - (a + 3)) * t * t + 1,
            ((a + 2) * (1 - t) - (a + 3)) * (1 - t) * (1 - t) + 1,
            ((a * (2 - t) - 5 * a) * (2 - t) + 8 * a) * (2 - t) - 4 * a,
        ];
        return ([x0 - 1, x0, x0 + 1, x0 + 2], w);
    }

    /// <summary>Sum over tap combinations (dim by dim) of weight products times the padded pixel.</summary>
    private static double Interpolate(double[] data, int plane, int[] dims, int[] strides, int[][] taps, double[][] weights, int dim, int offset,
        string padding, double[] borderMin, double[] borderMax)
    {
        if (dim == dims.Length) return data[plane + offset];
        double sum = 0;
        for (int k = 0; k < taps[dim].Length; k++)
        {
            if (weights[dim][k] == 0) continue;
            int i = taps[dim][k];
            if (i < 0 || i >= dims[dim])
            {
                if (padding == "zeros") continue;
                i = padding == "border" ? Math.Clamp(i, 0, dims[dim] - 1) : (int)Reflect(i, borderMin[dim], borderMax[dim]);
            }
            sum += weights[dim][k] * Interpolate(data, plane, dims, strides, taps, weights, dim + 1, offset + i * strides[dim], padding, borderMin, borderMax);
        }
        return sum;
    }

    /// <summary>Reflects <paramref name="x"/> at the borders until it lies within [min, max].</summary>
    private static double Reflect(double x, double min, double max)
    {
        double range = max - min;
        if (range <= 0) return min;
        if (x < min)
        {
            double dx = min - x;
            int n = (int)(dx / range);
            double r = dx - n * range;
            return n % 2 == 0 ? min + r : max - r;
        }
        if (x > max)
        {
            double dx = x - max;
            int n = (int)(dx / range);
            double r = dx - n * range;
            return n % 2 == 0 ? max - r : min + r;
        }
        return x;
    }

    private static void AffineGrid(OpContext c)
    {
        var theta = c.Input(0);
        var size = KernelInputs.Longs(c.Input(1));
        bool alignCorners = c.Int("align_corners", 0) != 0;
        var spatialDims = size.Skip(2).Select(s => (int)s).ToArray();
        int spatial = spatialDims.Length, batch = (int)size[0];
        if (theta.Rank != 3 || theta.Dims[1] != spatial || theta.Dims[2] != spatial + 1)
            throw new OnnxKitException($"theta {theta.Describe()} does not fit a {spatial}-D grid.");
        var matrix = ElementConverter.ToDoubles(theta);
        int points = ShapeMath.Product(spatialDims, 0, spatial);
        var result = new double[batch * points * spatial];
        var index = new int[spatial];
        var homogeneous = new double[spatial + 1];
        for (int p = 0; p < points; p++)
        {
            WindowGeometry.Unravel(p, spatialDims, index);
            for (int d = 0; d < spatial; d++)
            {
                int length = spatialDims[d];
                double coordinate = alignCorners ? (length == 1 ? -1 : -1 + index[d] * 2.0 / (length - 1)) : -1 + (2.0 * index[d] + 1) / length;
                homogeneous[spatial - 1 - d] = coordinate;
            }
            homogeneous[spatial] = 1;
            for (int n = 0; n < batch; n++)
            {
                for (int row = 0; row < spatial; row++)
                {
                    double sum = 0;
                    for (int k = 0; k <= spatial; k++) sum += matrix[(n * spatial + row) * (spatial + 1) + k] * homogeneous[k];
                    result[(n * points + p) * spatial + row] = sum;
                }
            }
        }
        c.SetOutput(0, new TensorValue(theta.ElementType, [batch, .. spatialDims, spatial], ElementConverter.FromDoubles(result, theta.ElementType)));
    }
}
