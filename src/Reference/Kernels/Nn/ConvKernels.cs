using OnnxKit.Ir;
using OnnxKit.Reference.Engine;
using OnnxKit.Reference.Kernels.Elementwise;
using OnnxKit.Reference.Kernels.Tensor;
using OnnxKit.Reference.Numerics;

namespace OnnxKit.Reference.Kernels.Nn;

/// <summary>
/// Conv, ConvTranspose and ConvInteger in any number of spatial dims, with groups, strides,
/// dilations and every auto_pad mode. Convolution is im2col followed by a matrix multiply
/// (<see cref="Sgemm"/> for float32, parallel), transposed convolution a multiply followed by col2im.
/// </summary>
internal static class ConvKernels
{
    /// <summary>Registers the family.</summary>
    public static void Register(KernelRegistry r)
    {
        r.Add("Conv", 1, 22, c => c.SetOutput(0, Conv(c, c.Input(0), c.Input(1), c.OptionalInput(2))), computesInFloat32: true);
        r.Add("ConvTranspose", 1, 22, ConvTranspose, computesInFloat32: true);
        r.Add("ConvInteger", 10, 10, ConvInteger);
    }

    /// <summary>Convolution of <paramref name="x"/> [N, C, spatial...] with <paramref name="w"/> [M, C/group, kernel...], plus an optional bias [M].</summary>
    public static TensorValue Conv(OpContext c, TensorValue x, TensorValue w, TensorValue? bias)
    {
        NumericTypes.RequireSameType(x, w);
        if (x.Rank < 3 || w.Rank != x.Rank) throw new OnnxKitException($"Conv needs X [N,C,...] and W of the same rank, got {x.Describe()} and {w.Describe()}.");
        int group = (int)c.Int("group", 1);
        int batch = x.Dims[0], channels = x.Dims[1], filters = w.Dims[0];
        if (group <= 0 || channels % group != 0 || filters % group != 0 || w.Dims[1] != channels / group)
            throw new OnnxKitException($"Conv with group {group} cannot combine X {x.Describe()} and W {w.Describe()}.");
        var kernel = c.Ints("kernel_shape") is { } ks ? ks.Select(v => (int)v).ToArray() : w.Dims[2..];
        var geometry = WindowGeometry.FromNode(c, x.Dims[2..], kernel);
        var dims = new[] { batch, filters }.Concat(geometry.Output).ToArray();
        return x.ElementType switch
        {
            DataType.Float => ConvFloat(x, w, bias, geometry, group, dims),
            DataType.Double => new TensorValue(DataType.Double, dims, ConvGeneric(x.Array<double>(), x.Dims, w.Array<double>(), bias?.Array<double>(), geometry, group, dims)),
            _ => throw NumericTypes.Unsupported(x.ElementType),
        };
    }

    private static TensorValue ConvFloat(TensorValue x, TensorValue w, TensorValue? bias, WindowGeometry geometry, int group, int[] dims)
    {
        var input = x.Array<float>();
        var weights = w.Array<float>();
        int batch = x.Dims[0], channels = x.Dims[1], filters = w.Dims[0];
        int cg = channels / group, mg = filters / group;
        int inSize = geometry.InputSize, outSize = geometry.OutputSize, kSize = geometry.KernelSize;
        var output = GC.AllocateUninitializedArray<float>(ShapeMath.ElementCount(dims));
        if (cg == 1 && mg == 1)
        {
            Depthwise(input, weights, output, batch * channels, channels, geometry);
            AddBias(output, bias, batch, filters, outSize);
            return new TensorValue(DataType.Float, dims, output);
        }
        bool direct = kSize == 1 && inSize == outSize && geometry.PadsBegin.All(p => p == 0) && geometry.Strides.All(s => s == 1);
        int[]? taps = direct ? null : TapsByKernel(geometry);
        float[]? cols = direct ? null : GC.AllocateUninitializedArray<float>(cg * kSize * outSize);
        for (int n = 0; n < batch; n++)
        {
            for (int g = 0; g < group; g++)
            {
                int inputOffset = (n * channels + g * cg) * inSize;
                int outputOffset = (n * filters + g * mg) * outSize;
                if (direct)
                {
                    Sgemm.Multiply(mg, outSize, cg, weights, g * mg * cg, cg, false, input, inputOffset, inSize, false, output, outputOffset, outSize, false);
                    continue;
                }
                Im2Col(input, inputOffset, cg, inSize, taps!, kSize, outSize, cols!);
                Sgemm.Multiply(mg, outSize, cg * kSize, weights, g * mg * cg * kSize, cg * kSize, false, cols!, 0, outSize, false, output, outputOffset, outSize, false);
            }
        }
        AddBias(output, bias, batch, filters, outSize);
        return new TensorValue(DataType.Float, dims, output);
    }

    private static void AddBias(float[] output, TensorValue? bias, int batch, int filters, int outSize)
    {
        if (bias is null) return;
        var b = bias.Array<float>();
        for (int n = 0; n < batch; n++)
        {
            for (int m = 0; m < filters; m++)
            {
                var plane = output.AsSpan((n * filters + m) * outSize, outSize);
                System.Numerics.Tensors.TensorPrimitives.Add(plane, b[m], plane);
            }
        }
    }

    /// <summary>Depthwise convolution (one input and one output channel per group): each output is a dot product over the kernel taps.</summary>
    private static void Depthwise(float[] input, float[] weights, float[] output, int planes, int channels, WindowGeometry geometry)
    {
        var taps = geometry.Taps();
        int inSize = geometry.InputSize, outSize = geometry.OutputSize, kSize = geometry.KernelSize;
        Parallel.For(0, planes, plane =>
        {
            int source = plane * inSize, target = plane * outSize, filter = plane % channels * kSize;
            for (int o = 0; o < outSize; o++)
            {
                float sum = 0;
                int row = o * kSize;
                for (int t = 0; t < kSize; t++)
                {
                    int tap = taps[row + t];
                    if (tap >= 0) sum += weights[filter + t] * input[source + tap];
                }
                output[target + o] = sum;
            }
        });
    }

    /// <summary>The tap table laid out tap-major: entry <c>t·OutputSize + o</c>, so im2col reads it sequentially.</summary>
    private static int[] TapsByKernel(WindowGeometry geometry)
    {
        var taps = geometry.Taps();
        int outSize = geometry.OutputSize, kSize = geometry.KernelSize;
        var byKernel = new int[taps.Length];
        for (int o = 0; o < outSize; o++)
        {
            for (int t = 0; t < kSize; t++) byKernel[t * outSize + o] = taps[o * kSize + t];
        }
        return byKernel;
    }

    /// <summary>Fills cols[(c·K + t)·P + o] with the input element tap t reads for output o of channel c (0 on padding).</summary>
    private static void Im2Col<T>(T[] input, int inputOffset, int channels, int inSize, int[] taps, int kSize, int outSize, T[] cols)
    {
        void Channel(int ch)
        {
            int source = inputOffset + ch * inSize;
            for (int t = 0; t < kSize; t++)
            {
                int row = (ch * kSize + t) * outSize, tapRow = t * outSize;
                for (int o = 0; o < outSize; o++)
                {
                    int tap = taps[tapRow + o];
                    cols[row + o] = tap >= 0 ? input[source + tap] : default!;
                }
            }
        }
        if ((long)channels * kSize * outSize > 1 << 16) Parallel.For(0, channels, Channel);
        else for (int ch = 0; ch < channels; ch++) Channel(ch);
    }

    /// <summary>The same convolution in double precision, with a plain multiply (used for float64 and the integer ops).</summary>
    private static double[] ConvGeneric(double[] input, int[] inputDims, double[] weights, double[]? bias, WindowGeometry geometry, int group, int[] dims)
    {
        int batch = inputDims[0], channels = inputDims[1], filters = dims[1];
        int cg = channels / group, mg = filters / group;
        int inSize = geometry.InputSize, outSize = geometry.OutputSize, kSize = geometry.KernelSize;
        var taps = TapsByKernel(geometry);
        var cols = new double[cg * kSize * outSize];
        var output = new double[ShapeMath.ElementCount(dims)];
        for (int n = 0; n < batch; n++)
        {
            for (int g = 0; g < group; g++)
            {
                Im2Col(input, (n * channels + g * cg) * inSize, cg, inSize, taps, kSize, outSize, cols);
                for (int m = 0; m < mg; m++)
                {
                    int filter = g * mg + m;
                    int outRow = (n * filters + filter) * outSize;
                    for (int q = 0; q < cg * kSize; q++)
                    {
                        double wv = weights[filter * cg * kSize + q];
                        if (wv == 0) continue;
                        int colRow = q * outSize;
                        for (int o = 0; o < outSize; o++) output[outRow + o] += wv * cols[colRow + o];
                    }
                    if (bias is not null)
                    {
                        for (int o = 0; o < outSize; o++) output[outRow + o] += bias[filter];
                    }
                }
            }
        }
        return output;
    }

    private static void ConvTranspose(OpContext c)
    {
        var x = c.Input(0);
        var w = c.Input(1);
        var bias = c.OptionalInput(2);
        NumericTypes.RequireSameType(x, w);
        if (x.Rank < 3 || w.Rank != x.Rank) throw new OnnxKitException($"ConvTranspose needs X [N,C,...] and W of the same rank, got {x.Describe()} and {w.Describe()}.");
        int group = (int)c.Int("group", 1);
        int batch = x.Dims[0], channels = x.Dims[1];
        if (group <= 0 || channels % group != 0 || w.Dims[0] != channels)
            throw new OnnxKitException($"ConvTranspose with group {group} cannot combine X {x.Describe()} and W {w.Describe()}.");
        int mg = w.Dims[1], filters = mg * group, cg = channels / group;
        var input = x.Dims[2..];
        int n = input.Length;
        var kernel = c.Ints("kernel_shape") is { } ks ? ks.Select(v => (int)v).ToArray() : w.Dims[2..];
        var strides = c.Ints("strides")?.Select(v => (int)v).ToArray() ?? Enumerable.Repeat(1, n).ToArray();
        var dilations = c.Ints("dilations")?.Select(v => (int)v).ToArray() ?? Enumerable.Repeat(1, n).ToArray();
        var outputPadding = c.Ints("output_padding")?.Select(v => (int)v).ToArray() ?? new int[n];
        var pads = c.Ints("pads")?.Select(v => (int)v).ToArray() ?? new int[2 * n];
        var requested = c.Ints("output_shape")?.Select(v => (int)v).ToArray();
        if (requested is not null && requested.Length == n + 2) requested = requested[2..];
        string autoPad = c.String("auto_pad", "NOTSET");
        var output = new int[n];
        var begin = new int[n];
        var end = new int[n];
        for (int i = 0; i < n; i++)
        {
            int full = strides[i] * (input[i] - 1) + outputPadding[i] + (kernel[i] - 1) * dilations[i] + 1;
            if (requested is not null || autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                output[i] = requested?[i] ?? input[i] * strides[i];
                int total = full - output[i];
                bool upper = autoPad != "SAME_LOWER";
                begin[i] = upper ? total / 2 : total - total / 2;
                end[i] = total - begin[i];
            }
            else
            {
                if (autoPad == "NOTSET")
                {
                    begin[i] = pads[i];
                    end[i] = pads[i + n];
                }
                output[i] = full - begin[i] - end[i];
            }
        }
        var geometry = WindowGeometry.ForTranspose(c, input, output, kernel, strides, dilations, begin, end);
        var taps = geometry.Taps();
        int inSize = geometry.OutputSize, outSize = geometry.InputSize, kSize = geometry.KernelSize;
        if (x.ElementType == DataType.Float)
        {
            c.SetOutput(0, ConvTransposeFloat(x, w, bias, taps, group, filters, inSize, outSize, kSize, [batch, filters, .. output]));
            return;
        }
        var xs = ElementConverter.ToDoubles(x);
        var ws = ElementConverter.ToDoubles(w);
        var dims = new[] { batch, filters }.Concat(output).ToArray();
        var result = new double[ShapeMath.ElementCount(dims)];
        for (int b = 0; b < batch; b++)
        {
            for (int g = 0; g < group; g++)
            {
                for (int ch = 0; ch < cg; ch++)
                {
                    int channel = g * cg + ch;
                    int inRow = (b * channels + channel) * inSize;
                    for (int m = 0; m < mg; m++)
                    {
                        int outRow = (b * filters + g * mg + m) * outSize;
                        int wRow = (channel * mg + m) * kSize;
                        for (int i = 0; i < inSize; i++)
                        {
                            double xv = xs[inRow + i];
                            if (xv == 0) continue;
                            for (int t = 0; t < kSize; t++)
                            {
                                int tap = taps[i * kSize + t];
                                if (tap >= 0) result[outRow + tap] += xv * ws[wRow + t];
                            }
                        }
                    }
                }
            }
        }
        if (bias is not null)
        {
            var bs = ElementConverter.ToDoubles(bias);
            for (int b = 0; b < batch; b++)
            {
                for (int m = 0; m < filters; m++)
                {
                    for (int o = 0; o < outSize; o++) result[(b * filters + m) * outSize + o] += bs[m];
                }
            }
        }
        c.SetOutput(0, new TensorValue(x.ElementType, dims, ElementConverter.FromDoubles(result, x.ElementType)));
    }

    /// <summary>
    /// Float32 ConvTranspose: per group, columns = Wᵀ·X by <see cref="Sgemm"/>, then each column entry
    /// is added to the output position its tap reaches (col2im).
    /// </summary>
    private static TensorValue ConvTransposeFloat(TensorValue x, TensorValue w, TensorValue? bias, int[] taps, int group, int filters, int inSize, int outSize, int kSize, int[] dims)
    {
        var input = x.Array<float>();
        var weights = w.Array<float>();
        int batch = x.Dims[0], channels = x.Dims[1], cg = channels / group, mg = filters / group;
        var output = new float[ShapeMath.ElementCount(dims)];
        var cols = GC.AllocateUninitializedArray<float>(mg * kSize * inSize);
        for (int b = 0; b < batch; b++)
        {
            for (int g = 0; g < group; g++)
            {
                Sgemm.Multiply(mg * kSize, inSize, cg, weights, g * cg * mg * kSize, mg * kSize, true,
                    input, (b * channels + g * cg) * inSize, inSize, false, cols, 0, inSize, false);
                Parallel.For(0, mg, m =>
                {
                    int outRow = (b * filters + g * mg + m) * outSize;
                    for (int t = 0; t < kSize; t++)
                    {
                        int colRow = (m * kSize + t) * inSize;
                        for (int i = 0; i < inSize; i++)
                        {
                            int tap = taps[i * kSize + t];
                            if (tap >= 0) output[outRow + tap] += cols[colRow + i];
                        }
                    }
                });
            }
        }
        AddBias(output, bias, batch, filters, outSize);
        return new TensorValue(DataType.Float, dims, output);
    }

    private static void ConvInteger(OpContext c)
    {
        var x = MatMulKernels.Shifted(c.Input(0), c.OptionalInput(2), rowWise: false);
        var w = c.Input(1);
        var wShifted = c.OptionalInput(3) is { } wzp && wzp.ElementCount > 1
            ? ArithmeticKernels.Sub(ElementConverter.Convert(w, DataType.Int64), ElementConverter.Convert(wzp, DataType.Int64).Reshaped([wzp.ElementCount, .. Enumerable.Repeat(1, w.Rank - 1)]))
            : MatMulKernels.Shifted(w, c.OptionalInput(3), rowWise: false);
        var result = Conv(c, ElementConverter.Convert(x, DataType.Double), ElementConverter.Convert(wShifted, DataType.Double), null);
        c.SetOutput(0, ElementConverter.Convert(result, DataType.Int32));
    }
}
