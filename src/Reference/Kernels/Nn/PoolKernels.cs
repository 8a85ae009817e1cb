using System.Numerics;
using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// MaxPool (with indices), AveragePool, LpPool, their global forms, and MaxUnpool, in any number
/// of spatial dims, with ceil mode, dilations and count_include_pad. Padding never wins a max
/// and counts toward an average only with count_include_pad; window parts beyond the padded
/// input (ceil mode) are ignored.
/// </summary>
internal static class PoolKernels
{
    private enum Kind
    {
        Max,
        Average,
        Lp,
    }

    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("MaxPool", 1, 22, c => Pool(c, Kind.Max), computesInFloat32: true);
        r.Add("AveragePool", 1, 22, c => Pool(c, Kind.Average), computesInFloat32: true);
        r.Add("LpPool", 1, 22, c => Pool(c, Kind.Lp), computesInFloat32: true);
        r.Add("GlobalMaxPool", 1, 22, c => GlobalPool(c, Kind.Max), computesInFloat32: true);
        r.Add("GlobalAveragePool", 1, 22, c => GlobalPool(c, Kind.Average), computesInFloat32: true);
        r.Add("GlobalLpPool", 1, 22, c => GlobalPool(c, Kind.Lp), computesInFloat32: true);
        r.Add("MaxUnpool", 9, 22, MaxUnpool, computesInFloat32: true);
    }

    private static void Pool(OpContext c, Kind kind)
    {
        var x = c.Input(0);
        if (x.Rank < 3) throw new OnnxKitException($"pooling needs an input [N,C,...], got {x.Describe()}.");
        var kernel = (c.Ints("kernel_shape") ?? throw new OnnxKitException("attribute 'kernel_shape' is missing.")).Select(v => (int)v).ToArray();
        var geometry = WindowGeometry.FromNode(c, x.Dims[2..], kernel, c.Int("ceil_mode", 0) != 0);
        var settings = new Settings(kind, c.Int("count_include_pad", 0) != 0, Exponent(c));
        var dims = x.Dims[..2].Concat(geometry.Output).ToArray();
        switch (x.ElementType)
        {
            case DataType.Float: Run<float>(c, x, geometry, settings, dims); break;
            case DataType.Double: Run<double>(c, x, geometry, settings, dims); break;
            case DataType.Int8 when kind == Kind.Max: Run<sbyte>(c, x, geometry, settings, dims); break;
            case DataType.UInt8 when kind == Kind.Max: Run<byte>(c, x, geometry, settings, dims); break;
            default: throw NumericTypes.Unsupported(x.ElementType);
        }
    }

    private sealed record Settings(Kind Kind, bool CountIncludePad, double P);

    /// <summary>LpPool's and GlobalLpPool's p: a float in opset 1, an int from opset 2 on; 2 by default.</summary>
    private static double Exponent(OpContext c) => c.Version < 2 ? c.Float("p", 2f) : c.Int("p", 2);

    private static void Run<T>(OpContext c, TensorValue x, WindowGeometry geometry, Settings settings, int[] dims) where T : INumber<T>
    {
        var input = x.Array<T>();
        var taps = geometry.Taps();
        int planes = x.Dims[0] * x.Dims[1];
        int inSize = geometry.InputSize, outSize = geometry.OutputSize, kSize = geometry.KernelSize;
        var output = new T[planes * outSize];
        bool wantIndices = settings.Kind == Kind.Max && c.HasOutput(1);
        var indices = wantIndices ? new long[output.Length] : null;
        var columnMajor = wantIndices && c.Int("storage_order", 0) != 0 ? ColumnMajorIndex(geometry.Input) : null;
        Parallel.For(0, planes, plane =>
        {
            int inBase = plane * inSize;
            for (int o = 0; o < outSize; o++)
            {
                int at = plane * outSize + o;
                if (settings.Kind == Kind.Max)
                {
                    T best = T.Zero;
                    int bestTap = -1;
                    for (int t = 0; t < kSize; t++)
                    {
                        int tap = taps[o * kSize + t];
                        if (tap < 0) continue;
                        T v = input[inBase + tap];
                        if (bestTap < 0 || v > best || T.IsNaN(v))
                        {
                            best = v;
                            bestTap = tap;
                        }
                    }
                    output[at] = best;
                    if (indices is not null) indices[at] = (long)plane * inSize + (columnMajor is null ? bestTap : columnMajor[bestTap]);
                    continue;
                }
                double sum = 0;
                int count = 0;
                for (int t = 0; t < kSize; t++)
                {
                    int tap = taps[o * kSize + t];
                    if (tap == WindowGeometry.Outside) continue;
                    if (tap == WindowGeometry.Padding)
                    {
                        if (settings.CountIncludePad) count++;
                        continue;
                    }
                    double v = double.CreateTruncating(input[inBase + tap]);
                    sum += settings.Kind == Kind.Lp ? Math.Pow(Math.Abs(v), settings.P) : v;
                    count++;
                }
                double value = settings.Kind == Kind.Lp ? Math.Pow(sum, 1.0 / settings.P) : sum / count;
                output[at] = T.CreateTruncating(value);
            }
        });
        c.SetOutput(0, new TensorValue(x.ElementType, dims, output));
        if (indices is not null) c.SetOutput(1, new TensorValue(DataType.Int64, dims, indices));
    }

    /// <summary>For each row-major offset in a plane of <paramref name="dims"/>, its column-major offset.</summary>
    private static int[] ColumnMajorIndex(int[] dims)
    {
        int size = ShapeMath.Product(dims, 0, dims.Length);
        var result = new int[size];
        var coordinates = new int[dims.Length];
        for (int i = 0; i < size; i++)
        {
            WindowGeometry.Unravel(i, dims, coordinates);
            int offset = 0, stride = 1;
            for (int d = 0; d < dims.Length; d++)
            {
                offset += coordinates[d] * stride;
                stride *= dims[d];
            }
            result[i] = offset;
        }
        return result;
    }

    private static void GlobalPool(OpContext c, Kind kind)
    {
        var x = c.Input(0);
        if (x.Rank < 3) throw new OnnxKitException($"pooling needs an input [N,C,...], got {x.Describe()}.");
        int planes = x.Dims[0] * x.Dims[1], size = ShapeMath.Product(x.Dims, 2, x.Rank);
        double p = Exponent(c);
        var values = ElementConverter.ToDoubles(x);
        var result = new double[planes];
        for (int plane = 0; plane < planes; plane++)
        {
            var window = values.AsSpan(plane * size, size);
            result[plane] = kind switch
            {
                Kind.Max => size == 0 ? double.NaN : System.Numerics.Tensors.TensorPrimitives.Max<double>(window),
                Kind.Average => System.Numerics.Tensors.TensorPrimitives.Sum<double>(window) / size,
                _ => Math.Pow(window.ToArray().Sum(v => Math.Pow(Math.Abs(v), p)), 1 / p),
            };
        }
        var dims = x.Dims[..2].Concat(Enumerable.Repeat(1, x.Rank - 2)).ToArray();
        c.SetOutput(0, new TensorValue(x.ElementType, dims, ElementConverter.FromDoubles(result, x.ElementType)));
    }

    private static void MaxUnpool(OpContext c)
    {
        var x = c.Input(0);
        var indices = Tensor.KernelInputs.Longs(c.Input(1));
        var kernel = (c.Ints("kernel_shape") ?? throw new OnnxKitException("attribute 'kernel_shape' is missing.")).Select(v => (int)v).ToArray();
        int n = kernel.Length;
        var strides = c.Ints("strides")?.Select(v => (int)v).ToArray() ?? Enumerable.Repeat(1, n).ToArray();
        var pads = c.Ints("pads")?.Select(v => (int)v).ToArray() ?? new int[2 * n];
        var natural = x.Dims[..2].Concat(Enumerable.Range(0, n).Select(i => (x.Dims[i + 2] - 1) * strides[i] + kernel[i] - pads[i] - pads[i + n])).ToArray();
        var dims = c.OptionalInput(2) is { } shape ? Tensor.KernelInputs.Dims(Tensor.KernelInputs.Longs(shape)) : natural;
        if (dims.Length != natural.Length || dims.Zip(natural).Any(p => p.First < p.Second))
            throw new OnnxKitException($"output_shape {ShapeMath.Format(dims)} is smaller than the unpooled shape {ShapeMath.Format(natural)}.");
        // Indices address the natural unpooled shape; a larger output_shape keeps each element's coordinates.
        var values = ElementConverter.ToDoubles(x);
        var result = new double[ShapeMath.ElementCount(dims)];
        var naturalCount = ShapeMath.ElementCount(natural);
        var outStrides = ShapeMath.Strides(dims);
        var coordinates = new int[natural.Length];
        for (int i = 0; i < values.Length; i++)
        {
            if (indices[i] < 0 || indices[i] >= naturalCount) throw new OnnxKitException($"index {indices[i]} is outside the unpooled shape {ShapeMath.Format(natural)}.");
            WindowGeometry.Unravel((int)indices[i], natural, coordinates);
            result[coordinates.Select((v, d) => v * outStrides[d]).Sum()] = values[i];
        }
        c.SetOutput(0, new TensorValue(x.ElementType, dims, ElementConverter.FromDoubles(result, x.ElementType)));
    }
}
