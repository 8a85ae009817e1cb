using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// Conv over any number of spatial axes, with strides, dilations, explicit or automatic
/// padding and groups.
/// <list type="bullet">
/// <item>dX is the transposed convolution of dy with the same kernel, strides, pads,
/// dilations and groups (ConvTranspose reads a Conv kernel [out, in/groups, k…] as its own
/// [in, out/groups, k…]); output_padding restores the rows a strided forward pass skipped.</item>
/// <item>dW[o, i, k] = Σ_n Σ_p dy[n, o, p] · x[n, i, p·s + k·d − pad]: a convolution of x with
/// dy as the kernel, the roles of stride and dilation swapped. The batch axis becomes the
/// reduced channel axis: x is rearranged to [in/groups, groups·N, spatial…] and dy to
/// [out, N, spatial…], so one grouped Conv gives [in/groups, out, k′…] (k′ ≥ k: trailing
/// positions a strided pass never reached are sliced off), transposed to the kernel's layout.</item>
/// <item>dB = Σ dy over the batch and spatial axes.</item>
/// </list>
/// </summary>
internal sealed class ConvGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["Conv"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        var dy = c.RequiredOutputGradient();
        Value x = c.Input(0), w = c.Input(1);
        var geometry = ConvGeometry.Of(c, x, w);
        var result = new Value?[3];
        if (c.NeedsGradient(0)) result[0] = InputGradient(c, dy, w, geometry);
        if (c.NeedsGradient(1)) result[1] = KernelGradient(c, dy, x, geometry);
        if (c.NeedsGradient(2))
            result[2] = c.Emit.ReduceSum(dy, [0, .. Enumerable.Range(2, geometry.Spatial).Select(a => (long)a)], keepDims: false);
        return result;
    }

    private static Value InputGradient(GradientContext c, Value dy, Value w, ConvGeometry g)
    {
        var outputPadding = new long[g.Spatial];
        for (int i = 0; i < g.Spatial; i++)
        {
            long reached = g.Strides[i] * (g.OutputSize[i] - 1) + (g.Kernel[i] - 1) * g.Dilations[i] + 1 - g.PadBegin[i] - g.PadEnd[i];
            outputPadding[i] = g.InputSize[i] - reached;
        }
        return c.Emit.Op("ConvTranspose", [dy, w],
            Attribute.Ints("kernel_shape", g.Kernel), Attribute.Ints("strides", g.Strides), Attribute.Ints("dilations", g.Dilations),
            Attribute.Ints("pads", [.. g.PadBegin, .. g.PadEnd]), Attribute.Ints("output_padding", outputPadding), Attribute.Int("group", g.Groups));
    }

    private static Value KernelGradient(GradientContext c, Value dy, Value x, ConvGeometry g)
    {
        var e = c.Emit;
        long[] spatialAxes = Enumerable.Range(2, g.Spatial).Select(a => (long)a).ToArray();
        long[] swapBatchAndChannels = [1, 0, .. spatialAxes];
        Value input;
        if (g.Groups == 1) input = e.Transpose(x, swapBatchAndChannels);
        else
        {
            long perGroup = g.InputChannels / g.Groups;
            var split = e.Reshape(x, [0, g.Groups, perGroup, .. g.InputSize]);
            var moved = e.Transpose(split, [2, 1, 0, .. spatialAxes.Select(a => a + 1)]);
            input = e.Reshape(moved, [perGroup, -1, .. g.InputSize]);
        }
        var kernel = e.Transpose(dy, swapBatchAndChannels);
        var full = e.Op("Conv", [input, kernel],
            Attribute.Ints("strides", g.Dilations), Attribute.Ints("dilations", g.Strides),
            Attribute.Ints("pads", [.. g.PadBegin, .. g.PadEnd]), Attribute.Int("group", g.Groups));
        bool larger = false;
        for (int i = 0; i < g.Spatial; i++)
        {
            long produced = (g.InputSize[i] + g.PadBegin[i] + g.PadEnd[i] - g.Strides[i] * (g.OutputSize[i] - 1) - 1) / g.Dilations[i] + 1;
            larger |= produced != g.Kernel[i];
        }
        if (larger) full = e.Op("Slice", full, e.Int64s(new long[g.Spatial]), e.Int64s(g.Kernel), e.Int64s(spatialAxes));
        return e.Transpose(full, swapBatchAndChannels);
    }
}
