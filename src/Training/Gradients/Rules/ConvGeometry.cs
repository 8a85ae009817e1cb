using OnnxKit.Ir;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// The window geometry of a Conv or pooling node with its defaults filled in: kernel, strides,
/// dilations, begin and end pads (automatic padding resolved from the static sizes), groups,
/// and the spatial sizes of input and output.
/// </summary>
internal sealed record ConvGeometry(int Spatial, long[] Kernel, long[] Strides, long[] Dilations, long[] PadBegin, long[] PadEnd,
    long Groups, long InputChannels, long[] InputSize, long[] OutputSize)
{
    /// <summary>
    /// Reads the geometry of the context's node over input <paramref name="x"/>; the kernel
    /// size comes from <c>kernel_shape</c> or, for Conv, from the kernel <paramref name="w"/>.
    /// </summary>
    public static ConvGeometry Of(GradientContext c, Value x, Value? w = null)
    {
        var channelsAndSize = c.StaticShape(x, fromAxis: 1);
        int spatial = channelsAndSize.Length - 1;
        var kernel = c.Ints("kernel_shape") ?? (w is not null ? c.StaticShape(w, fromAxis: 2) : throw c.Unsupported("kernel_shape is missing"));
        var strides = c.Ints("strides") ?? Ones(spatial);
        var dilations = c.Ints("dilations") ?? Ones(spatial);
        long[] inputSize = channelsAndSize[1..], outputSize = c.StaticShape(c.Output(), fromAxis: 2);
        long[] begin, end;
        string autoPad = c.String("auto_pad", "NOTSET");
        switch (autoPad)
        {
            case "NOTSET":
                var pads = c.Ints("pads") ?? new long[2 * spatial];
                (begin, end) = (pads[..spatial], pads[spatial..]);
                break;
            case "VALID":
                (begin, end) = (new long[spatial], new long[spatial]);
                break;
            case "SAME_UPPER" or "SAME_LOWER":
                (begin, end) = (new long[spatial], new long[spatial]);
                for (int i = 0; i < spatial; i++)
                {
                    long total = Math.Max(0, (outputSize[i] - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - inputSize[i]);
                    begin[i] = autoPad == "SAME_UPPER" ? total / 2 : total - total / 2;
                    end[i] = total - begin[i];
                }
                break;
            default:
                throw c.Unsupported($"auto_pad '{autoPad}' is unknown");
        }
        if (begin.Concat(end).Any(p => p < 0)) throw c.Unsupported("negative pads are not supported");
        return new ConvGeometry(spatial, kernel, strides, dilations, begin, end, c.Int("group", 1), channelsAndSize[0], inputSize, outputSize);
    }

    private static long[] Ones(int count) => Enumerable.Repeat(1L, count).ToArray();
}
