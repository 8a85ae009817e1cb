using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// AveragePool: every input element of a window receives dy / (the window's divisor). Written
/// as a transposed convolution of dy with a kernel of ones, one group per channel, after
/// dividing dy by each window's divisor: the kernel size with <c>count_include_pad</c> (or
/// without padding), else the number of real input elements under the window, computed here
/// from the static sizes. <c>ceil_mode</c> is not supported.
/// </summary>
internal sealed class AveragePoolGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["AveragePool"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        if (c.Int("ceil_mode", 0) != 0) throw c.Unsupported("ceil_mode 1 is not supported");
        var e = c.Emit;
        var g = ConvGeometry.Of(c, c.Input(0));
        var dy = c.RequiredOutputGradient();
        bool padded = g.PadBegin.Concat(g.PadEnd).Any(p => p != 0);
        var scaled = padded && c.Int("count_include_pad", 0) == 0
            ? e.Div(dy, e.Constant(Divisors(g)))
            : e.Scale(dy, 1f / g.Kernel.Aggregate(1L, (a, b) => a * b));
        long kernelElements = g.Kernel.Aggregate(1L, (a, b) => a * b);
        var ones = e.Floats(Enumerable.Repeat(1f, checked((int)(g.InputChannels * kernelElements))).ToArray(), [g.InputChannels, 1, .. g.Kernel]);
        var outputPadding = new long[g.Spatial];
        for (int i = 0; i < g.Spatial; i++)
            outputPadding[i] = g.InputSize[i] - (g.Strides[i] * (g.OutputSize[i] - 1) + (g.Kernel[i] - 1) * g.Dilations[i] + 1 - g.PadBegin[i] - g.PadEnd[i]);
        return [e.Op("ConvTranspose", [scaled, ones],
            Attribute.Ints("kernel_shape", g.Kernel), Attribute.Ints("strides", g.Strides), Attribute.Ints("dilations", g.Dilations),
            Attribute.Ints("pads", [.. g.PadBegin, .. g.PadEnd]), Attribute.Ints("output_padding", outputPadding), Attribute.Int("group", g.InputChannels))];
    }

    /// <summary>How many real (unpadded) input elements each output window covers, shaped [1, 1, output…].</summary>
    private static DenseTensor Divisors(ConvGeometry g)
    {
        var perAxis = new long[g.Spatial][];
        for (int i = 0; i < g.Spatial; i++)
        {
            perAxis[i] = new long[g.OutputSize[i]];
            for (long p = 0; p < g.OutputSize[i]; p++)
            {
                long start = p * g.Strides[i] - g.PadBegin[i];
                for (long k = 0; k < g.Kernel[i]; k++)
                {
                    long position = start + k * g.Dilations[i];
                    if (position >= 0 && position < g.InputSize[i]) perAxis[i][p]++;
                }
            }
        }
        long total = g.OutputSize.Aggregate(1L, (a, b) => a * b);
        var values = new float[total];
        for (long flat = 0; flat < total; flat++)
        {
            long rest = flat, count = 1;
            for (int i = g.Spatial - 1; i >= 0; i--)
            {
                count *= perAxis[i][rest % g.OutputSize[i]];
                rest /= g.OutputSize[i];
            }
            values[flat] = count;
        }
        return DenseTensor.FromFloats(values, [1, 1, .. g.OutputSize]);
    }
}
