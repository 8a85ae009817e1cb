using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>
/// Output sizes of a window sliding over spatial axes (convolutions and pools): kernel, strides,
/// dilations, explicit pads or auto_pad, and ceil_mode.
/// </summary>
internal static class SlidingWindow
{
    /// <summary>
    /// The output sizes of the spatial axes of <paramref name="input"/> (N, C, then spatial). An
    /// unknown or symbolic input size gives an unknown output size.
    /// </summary>
    public static Dim[] OutputSizes(NodeContext context, Shape input, IReadOnlyList<long> kernel, bool ceilMode)
    {
        int n = input.Rank - 2;
        if (kernel.Count != n) throw context.Fail($"kernel has {kernel.Count} spatial dims but the input {input} has {n}");
        if (kernel.Any(k => k <= 0)) throw context.Fail($"kernel sizes must be positive, got [{string.Join(",", kernel)}]");
        var strides = PositiveList(context, "strides", n);
        var dilations = PositiveList(context, "dilations", n);
        var pads = Pads(context, n);
        string autoPad = context.String("auto_pad", "NOTSET");
        var sizes = new Dim[n];
        for (int i = 0; i < n; i++)
        {
            if (input[2 + i].Value is not long size)
            {
                sizes[i] = Dim.Unknown();
                continue;
            }
            long effectiveKernel = checked((kernel[i] - 1) * dilations[i] + 1);
            long padBegin = 0, padEnd = 0;
            if (pads is not null)
            {
                (padBegin, padEnd) = (pads[i], pads[i + n]);
            }
            else if (autoPad is "SAME_UPPER" or "SAME_LOWER")
            {
                long residual = size % strides[i];
                long total = Math.Max(effectiveKernel - (residual == 0 ? strides[i] : residual), 0);
                (padBegin, padEnd) = autoPad == "SAME_UPPER" ? (total / 2, total - total / 2) : (total - total / 2, total / 2);
            }
            long span = checked(size + padBegin + padEnd - effectiveKernel);
            if (span < 0)
                throw context.Fail($"the window (effective size {effectiveKernel}) is larger than the padded input ({size + padBegin + padEnd}) on spatial axis {i}");
            long output = (ceilMode ? checked(span + strides[i] - 1) : span) / strides[i] + 1;
            // In ceil mode a last window that would start inside the end padding is dropped.
            if (ceilMode && (output - 1) * strides[i] >= size + padBegin) output--;
            sizes[i] = Dim.Of(output);
        }
        return sizes;
    }

    /// <summary>The explicit pads (begin values then end values), or null when not given.</summary>
    public static long[]? Pads(NodeContext context, int spatialRank)
    {
        if (context.Ints("pads") is not { } pads) return null;
        if (pads.Count != 2 * spatialRank) throw context.Fail($"pads has {pads.Count} values; {2 * spatialRank} expected");
        if (pads.Any(p => p < 0)) throw context.Fail($"pads must not be negative, got [{string.Join(",", pads)}]");
        return [.. pads];
    }

    /// <summary>A per-axis list attribute of positive values, all 1 when absent.</summary>
    public static long[] PositiveList(NodeContext context, string name, int spatialRank)
    {
        if (context.Ints(name) is not { } values) return Enumerable.Repeat(1L, spatialRank).ToArray();
        if (values.Count != spatialRank) throw context.Fail($"{name} has {values.Count} values; {spatialRank} expected");
        if (values.Any(v => v <= 0)) throw context.Fail($"{name} must be positive, got [{string.Join(",", values)}]");
        return [.. values];
    }

    /// <summary>The known spatial sizes of a weight tensor (dims 2 on), or null when one is not known.</summary>
    public static long[]? KernelFromWeights(Shape? weights)
    {
        if (weights is null || weights.Rank < 3) return null;
        var kernel = new long[weights.Rank - 2];
        for (int i = 0; i < kernel.Length; i++)
        {
            if (weights[2 + i].Value is not long k) return null;
            kernel[i] = k;
        }
        return kernel;
    }
}
