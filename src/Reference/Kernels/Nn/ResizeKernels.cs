using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Resize (opsets 10–19) and Upsample. Interpolation is separable, so each resized axis is
/// processed in turn: every output coordinate is mapped back to the input
/// (coordinate_transformation_mode), the neighbours of that point are weighted (nearest, linear,
/// cubic, optionally antialiased), and out-of-range neighbours repeat the edge. Computed in double;
/// integer outputs are rounded and saturated.
/// </summary>
internal static class ResizeKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Resize", 10, 10, c => c.SetOutput(0, Resize(c, c.Input(0), null, ElementConverter.ToDoubles(c.Input(1)), null, Legacy)));
        r.Add("Resize", 11, 19, c => c.SetOutput(0, Resize(c, c.Input(0),
            c.OptionalInput(1) is { ElementCount: > 0 } roi ? ElementConverter.ToDoubles(roi) : null,
            c.OptionalInput(2) is { ElementCount: > 0 } scales ? ElementConverter.ToDoubles(scales) : null,
            c.OptionalInput(3) is { ElementCount: > 0 } sizes ? KernelInputs.Longs(sizes) : null,
            c.String("coordinate_transformation_mode", "half_pixel"))));
        r.Add("Upsample", 1, 1, c => c.SetOutput(0, Resize(c, c.Input(0), null, [1, 1, c.Required("height_scale").AsFloat(), c.Required("width_scale").AsFloat()], null, Legacy)));
        r.Add("Upsample", 7, 7, c => c.SetOutput(0, Resize(c, c.Input(0), null, c.Floats("scales")!.Select(v => (double)v).ToArray(), null, Legacy)));
        r.Add("Upsample", 9, 9, c => c.SetOutput(0, Resize(c, c.Input(0), null, ElementConverter.ToDoubles(c.Input(1)), null, Legacy)));
    }

    /// <summary>Upsample and Resize-10 map coordinates asymmetrically and take the nearest pixel at or before the point.</summary>
    private const string Legacy = "legacy";

    private static TensorValue Resize(OpContext c, TensorValue x, double[]? roi, double[]? scales, long[]? sizes, string coordinates)
    {
        bool legacy = coordinates == Legacy;
        if (legacy) coordinates = "asymmetric";
        int rank = x.Rank;
        var axes = c.Ints("axes") is { } a ? KernelInputs.Axes(a, rank) : Enumerable.Range(0, rank).ToArray();
        var scale = Enumerable.Repeat(1.0, rank).ToArray();
        var output = (int[])x.Dims.Clone();
        var fullRoi = Enumerable.Repeat(0.0, rank).Concat(Enumerable.Repeat(1.0, rank)).ToArray();
        if (roi is not null)
        {
            if (roi.Length != 2 * axes.Length) throw new OnnxKitException($"roi has {roi.Length} values for {axes.Length} axes.");
            for (int i = 0; i < axes.Length; i++)
            {
                fullRoi[axes[i]] = roi[i];
                fullRoi[rank + axes[i]] = roi[axes.Length + i];
            }
        }
        if (sizes is not null)
        {
            if (sizes.Length != axes.Length) throw new OnnxKitException($"sizes has {sizes.Length} values for {axes.Length} axes.");
            if (Array.FindIndex(sizes, v => v is < 0 or > int.MaxValue) is int bad and >= 0)
                throw new OnnxKitException($"sizes[{bad}] is {sizes[bad]}; an output size must be between 0 and {int.MaxValue}.");
            for (int i = 0; i < axes.Length; i++) scale[axes[i]] = (double)sizes[i] / x.Dims[axes[i]];
            string policy = c.String("keep_aspect_ratio_policy", "stretch");
            if (policy != "stretch")
            {
                double common = policy switch
                {
                    "not_larger" => axes.Min(d => scale[d]),
                    "not_smaller" => axes.Max(d => scale[d]),
                    _ => throw new OnnxKitException($"keep_aspect_ratio_policy '{policy}' is not one of stretch, not_larger, not_smaller."),
                };
                foreach (int d in axes)
                {
                    scale[d] = common;
                    output[d] = (int)(common * x.Dims[d] + 0.5);
                }
            }
            else
            {
                for (int i = 0; i < axes.Length; i++) output[axes[i]] = (int)sizes[i];
            }
        }
        else if (scales is not null)
        {
            if (scales.Length != axes.Length) throw new OnnxKitException($"scales has {scales.Length} values for {axes.Length} axes.");
            for (int i = 0; i < axes.Length; i++)
            {
                // NaN and infinite scales give no output size; left through, they made the kernel loop forever.
                if (!double.IsFinite(scales[i]) || scales[i] <= 0) throw new OnnxKitException($"scales[{i}] is {scales[i]}; a scale must be a positive finite number.");
                double size = Math.Floor(scales[i] * x.Dims[axes[i]]);
                if (size > int.MaxValue) throw new OnnxKitException($"scales[{i}] = {scales[i]} makes axis {axes[i]} {size} long, more than a tensor can hold.");
                scale[axes[i]] = scales[i];
                output[axes[i]] = (int)size;
            }
        }
        else
        {
            throw new OnnxKitException("Resize needs scales or sizes.");
        }
        double outputBytes = 8 * output.Aggregate(1.0, (n, d) => n * Math.Max(d, 0));
        c.Limits.RequireTensorBytes((long)Math.Min(outputBytes, long.MaxValue), $"the Resize output {ShapeMath.Format(output)} (computed in float64)");
        ShapeMath.ElementCount(output);
        var settings = new Settings(
            // Upsample-1 (experimental) called linear interpolation "bilinear".
            c.String("mode", "nearest") is "bilinear" ? "linear" : c.String("mode", "nearest"), legacy ? "floor" : c.String("nearest_mode", "round_prefer_floor"), coordinates,
            c.Float("cubic_coeff_a", -0.75f), c.Int("exclude_outside", 0) != 0, c.Float("extrapolation_value", 0f), c.Int("antialias", 0) != 0);
        var values = ElementConverter.ToDoubles(x);
        var dims = (int[])x.Dims.Clone();
        foreach (int axis in axes)
        {
            bool identity = Math.Abs(scale[axis] - 1) < 1e-12 && output[axis] == dims[axis] && fullRoi[axis] == 0 && fullRoi[axis + rank] == 1;
            if (identity) continue;
            values = ResizeAxis(values, dims, axis, scale[axis], output[axis], [fullRoi[axis], fullRoi[axis + rank]], settings);
            dims[axis] = output[axis];
        }
        if (x.ElementType.IsInteger())
        {
            var (min, max) = IntegerRange(x.ElementType);
            values = values.Select(v => Math.Clamp(Math.Round(v, MidpointRounding.ToEven), min, max)).ToArray();
        }
        return new TensorValue(x.ElementType, dims, ElementConverter.FromDoubles(values, x.ElementType));
    }

    private sealed record Settings(string Mode, string NearestMode, string Coordinates, double CubicA, bool ExcludeOutside, double Extrapolation, bool Antialias);

    private static (double Min, double Max) IntegerRange(DataType type) => type switch
    {
        DataType.Int8 => (sbyte.MinValue, sbyte.MaxValue),
        DataType.UInt8 => (0, byte.MaxValue),
        DataType.Int16 => (short.MinValue, short.MaxValue),
        DataType.UInt16 => (0, ushort.MaxValue),
        DataType.Int32 => (int.MinValue, int.MaxValue),
        DataType.UInt32 => (0, uint.MaxValue),
        _ => (long.MinValue, long.MaxValue),
    };

    private static double[] ResizeAxis(double[] data, int[] dims, int axis, double scale, int outLength, double[] roi, Settings s)
    {
        int inLength = dims[axis];
        int outer = ShapeMath.Product(dims, 0, axis), inner = ShapeMath.Product(dims, axis + 1, dims.Length);
        var result = new double[outer * outLength * inner];
        double outWidth = scale * inLength;
        for (int y = 0; y < outLength; y++)
        {
            double source = SourceCoordinate(s.Coordinates, y, scale, inLength, outWidth, outLength, roi);
            bool extrapolate = s.Coordinates == "tf_crop_and_resize" && (source < 0 || source > inLength - 1);
            double floor = Math.Floor(source);
            double ratio = source == floor ? 1 : source - floor;
            var coefficients = Coefficients(s, ratio, scale);
            int n = coefficients.Length;
            var neighbours = Neighbours(source, n);
            if (s.ExcludeOutside)
            {
                for (int i = 0; i < n; i++)
                {
                    if (neighbours[i] < 0 || neighbours[i] >= inLength) coefficients[i] = 0;
                }
                double total = coefficients.Sum();
                if (total != 0)
                {
                    for (int i = 0; i < n; i++) coefficients[i] /= total;
                }
            }
            for (int o = 0; o < outer; o++)
            {
                for (int i = 0; i < inner; i++)
                {
                    double value;
                    if (extrapolate) value = s.Extrapolation;
                    else
                    {
                        value = 0;
                        for (int k = 0; k < n; k++)
                        {
                            int index = Math.Clamp(neighbours[k], 0, inLength - 1);
                            value += coefficients[k] * data[(o * inLength + index) * inner + i];
                        }
                    }
                    result[(o * outLength + y) * inner + i] = value;
                }
            }
        }
        return result;
    }

    private static double SourceCoordinate(string mode, int y, double scale, int inLength, double outWidth, int outLength, double[] roi) => mode switch
    {
        "align_corners" => outWidth == 1 ? 0 : y * (inLength - 1) / (outWidth - 1),
        "asymmetric" => y / scale,
        "tf_crop_and_resize" => (outWidth == 1 ? (roi[1] - roi[0]) * (inLength - 1) / 2 : y * (roi[1] - roi[0]) * (inLength - 1) / (outWidth - 1)) + roi[0] * (inLength - 1),
        "pytorch_half_pixel" => outWidth == 1 ? -0.5 : (y + 0.5) / scale - 0.5,
        "half_pixel" => (y + 0.5) / scale - 0.5,
        "half_pixel_symmetric" => inLength / 2.0 * (1 - outLength / outWidth) + (y + 0.5) / scale - 0.5,
        _ => throw new OnnxKitException($"coordinate_transformation_mode '{mode}' is not supported."),
    };

    /// <summary>
    /// The input indices of the <paramref name="n"/> taps around <paramref name="x"/>, chosen as the
    /// n nearest (ties to the smaller index), possibly outside the input (they are then clamped).
    /// </summary>
    private static int[] Neighbours(double x, int n)
    {
        double p = Math.Floor(x);
        double fraction = x - p;
        int start = n % 2 == 0
            ? (int)p + (fraction == 0 ? -(n / 2) : -(n / 2) + 1)
            : (int)p - (n - 1) / 2 + (fraction <= 0.5 ? 0 : 1);
        return Enumerable.Range(start, n).ToArray();
    }

    private static double[] Coefficients(Settings s, double ratio, double scale) => s.Mode switch
    {
        "nearest" => ratio == 1 ? [0, 1] : s.NearestMode switch
        {
            "round_prefer_floor" => [ratio <= 0.5 ? 1 : 0, ratio > 0.5 ? 1 : 0],
            "round_prefer_ceil" => [ratio < 0.5 ? 1 : 0, ratio >= 0.5 ? 1 : 0],
            "floor" => [1, 0],
            "ceil" => [0, 1],
            _ => throw new OnnxKitException($"nearest_mode '{s.NearestMode}' is not supported."),
        },
        "linear" => s.Antialias ? LinearAntialias(ratio, scale) : [1 - ratio, ratio],
        "cubic" => s.Antialias ? CubicAntialias(ratio, scale, s.CubicA) : Cubic(ratio, s.CubicA),
        _ => throw new OnnxKitException($"mode '{s.Mode}' is not one of nearest, linear, cubic."),
    };

    private static double[] Cubic(double r, double a) =>
    [
        ((a * (r + 1) - 5 * a) * (r + 1) + 8 * a) * (r + 1) - 4 * a,
        ((a + 2) * r - (a + 3)) * r * r + 1,
        ((a + 2) * (1 - r) - (a + 3)) * (1 - r) * (1 - r) + 1,
        ((a * (2 - r) - 5 * a) * (2 - r) + 8 * a) * (2 - r) - 4 * a,
    ];

    private static double[] LinearAntialias(double ratio, double scale)
    {
        scale = Math.Min(scale, 1);
        int start = (int)Math.Floor(-1 / scale) + 1;
        int footprint = 2 - 2 * start;
        var coefficients = Enumerable.Range(start, footprint).Select(i => Math.Clamp(1 - Math.Abs((i - ratio) * scale), 0, 1)).ToArray();
        double total = coefficients.Sum();
        return coefficients.Select(v => v / total).ToArray();
    }

    private static double[] CubicAntialias(double ratio, double scale, double a)
    {
        scale = Math.Min(scale, 1);
        int start = (int)Math.Floor(-2 / scale) + 1;
        int end = 2 - start;
        var coefficients = Enumerable.Range(start, end - start).Select(i =>
        {
            double x = Math.Abs(scale * (i - ratio));
            return x <= 1 ? (a + 2) * x * x * x - (a + 3) * x * x + 1 : x < 2 ? a * x * x * x - 5 * a * x * x + 8 * a * x - 4 * a : 0;
        }).ToArray();
        double total = coefficients.Sum();
        return coefficients.Select(v => v / total).ToArray();
    }
}
