using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// DeformConv: convolution whose kernel taps sample the input at learned fractional offsets
/// (bilinear interpolation, zero outside the input), optionally scaled by a mask; N-D.
/// </summary>
internal static class DeformConvKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r) => r.Add("DeformConv", 19, 22, DeformConv, computesInFloat32: true);

    private static void DeformConv(OpContext c)
    {
        var x = c.Input(0);
        var w = c.Input(1);
        var offsetTensor = c.Input(2);
        int spatial = x.Rank - 2;
        int batch = x.Dims[0], channels = x.Dims[1], filters = w.Dims[0];
        int group = (int)c.Int("group", 1), offsetGroups = (int)c.Int("offset_group", 1);
        var kernel = c.Ints("kernel_shape") is { } ks ? ks.Select(v => (int)v).ToArray() : w.Dims[2..];
        var strides = c.Ints("strides")?.Select(v => (int)v).ToArray() ?? Enumerable.Repeat(1, spatial).ToArray();
        var dilations = c.Ints("dilations")?.Select(v => (int)v).ToArray() ?? Enumerable.Repeat(1, spatial).ToArray();
        var pads = c.Ints("pads")?.Select(v => (int)v).ToArray() ?? new int[2 * spatial];
        var inDims = x.Dims[2..];
        var outDims = offsetTensor.Dims[2..];
        int kSize = ShapeMath.Product(kernel, 0, spatial), outSize = ShapeMath.Product(outDims, 0, spatial), inSize = ShapeMath.Product(inDims, 0, spatial);
        if (channels % group != 0 || filters % group != 0 || channels % offsetGroups != 0 || offsetTensor.Dims[1] != offsetGroups * kSize * spatial)
            throw new OnnxKitException($"DeformConv shapes do not fit: X {x.Describe()}, W {w.Describe()}, offset {offsetTensor.Describe()}.");
        var input = ElementConverter.ToDoubles(x);
        var weights = ElementConverter.ToDoubles(w);
        var offsets = ElementConverter.ToDoubles(offsetTensor);
        var mask = c.OptionalInput(4) is { } m ? ElementConverter.ToDoubles(m) : null;
        var bias = c.OptionalInput(3) is { } b ? ElementConverter.ToDoubles(b) : null;
        int cg = channels / group, mg = filters / group, perOffsetGroup = channels / offsetGroups;
        var inStrides = ShapeMath.Strides(inDims);
        var result = new double[batch * filters * outSize];
        var outIndex = new int[spatial];
        var kIndex = new int[spatial];
        var position = new double[spatial];
        var sampled = new double[channels * kSize];
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outSize; o++)
            {
                WindowGeometry.Unravel(o, outDims, outIndex);
                for (int ch = 0; ch < channels; ch++)
                {
                    int og = ch / perOffsetGroup;
                    for (int t = 0; t < kSize; t++)
                    {
                        WindowGeometry.Unravel(t, kernel, kIndex);
                        for (int d = 0; d < spatial; d++)
                        {
                            int offsetChannel = (og * kSize + t) * spatial + d;
                            position[d] = outIndex[d] * strides[d] - pads[d] + kIndex[d] * dilations[d] + offsets[(n * offsetTensor.Dims[1] + offsetChannel) * outSize + o];
                        }
                        double scale = mask is null ? 1 : mask[(n * offsetGroups * kSize + og * kSize + t) * outSize + o];
                        sampled[ch * kSize + t] = scale * Interpolate(input, (n * channels + ch) * inSize, inDims, inStrides, position, 0, 0, 1);
                    }
                }
                for (int f = 0; f < filters; f++)
                {
                    int g = f / mg;
                    double sum = bias?[f] ?? 0;
                    for (int q = 0; q < cg * kSize; q++) sum += weights[f * cg * kSize + q] * sampled[g * cg * kSize + q];
                    result[(n * filters + f) * outSize + o] = sum;
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, [batch, filters, .. outDims], ElementConverter.FromDoubles(result, x.ElementType)));
    }

    /// <summary>N-linear interpolation at <paramref name="position"/>; corners outside the input count as zero.</summary>
    private static double Interpolate(double[] data, int plane, int[] dims, int[] strides, double[] position, int dim, int offset, double weight)
    {
        if (dim == dims.Length) return weight * data[plane + offset];
        double p = position[dim];
        int low = (int)Math.Floor(p);
        double fraction = p - low;
        double sum = 0;
        if (low >= 0 && low < dims[dim] && fraction < 1) sum += Interpolate(data, plane, dims, strides, position, dim + 1, offset + low * strides[dim], weight * (1 - fraction));
        if (low + 1 >= 0 && low + 1 < dims[dim] && fraction > 0) sum += Interpolate(data, plane, dims, strides, position, dim + 1, offset + (low + 1) * strides[dim], weight * fraction);
        return sum;
    }
}
