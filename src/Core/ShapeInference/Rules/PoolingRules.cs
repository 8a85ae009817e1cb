using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Windowed pools, global pools, and region-of-interest pools.</summary>
internal static class PoolingRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["MaxPool"] = Pool;
        rules["AveragePool"] = Pool;
        rules["LpPool"] = Pool;
        rules["GlobalAveragePool"] = GlobalPool;
        rules["GlobalMaxPool"] = GlobalPool;
        rules["GlobalLpPool"] = GlobalPool;
        rules["MaxRoiPool"] = MaxRoiPool;
        rules["RoiAlign"] = RoiAlign;
        rules["MaxUnpool"] = MaxUnpool;
    }

    /// <summary>Y[N, C, spatial...]; MaxPool's Indices has Y's shape.</summary>
    private static void Pool(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (input.Rank < 3) throw context.Fail($"input must have at least 3 dims (N, C, spatial...), got {input}");
        var kernel = context.Ints("kernel_shape") ?? throw context.Fail($"{context.Node.OpType} needs attribute 'kernel_shape'");
        bool ceilMode = context.Int("ceil_mode", 0) != 0;
        var spatial = SlidingWindow.OutputSizes(context, input, kernel, ceilMode);
        var shape = new Shape([DimMath.Strip(input[0]), DimMath.Strip(input[1]), .. spatial]);
        context.SetOutput(0, shape);
        context.SetOutput(1, shape);
    }

    /// <summary>Y[N, C, 1, 1, ...].</summary>
    private static void GlobalPool(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (input.Rank < 2) throw context.Fail($"input must have at least 2 dims (N, C, ...), got {input}");
        context.SetOutput(0, new Shape([DimMath.Strip(input[0]), DimMath.Strip(input[1]), .. Enumerable.Repeat(Dim.Of(1), input.Rank - 2)]));
    }

    /// <summary>Y[num_rois, C, pooled_shape...].</summary>
    private static void MaxRoiPool(NodeContext context)
    {
        if (context.InputShape(0) is not { } input || context.InputShape(1) is not { } rois) return;
        var pooled = context.Ints("pooled_shape") ?? throw context.Fail("MaxRoiPool needs attribute 'pooled_shape'");
        context.SetOutput(0, new Shape([rois.Rank > 0 ? DimMath.Strip(rois[0]) : Dim.Unknown(), DimMath.Strip(input[1]), .. pooled.Select(p => Dim.Of(p))]));
    }

    /// <summary>Y[num_rois, C, output_height, output_width].</summary>
    private static void RoiAlign(NodeContext context)
    {
        if (context.InputShape(0) is not { Rank: 4 } input) return;
        var rois = context.InputShape(1);
        var count = rois is { Rank: 2 } ? DimMath.Strip(rois[0]) : Dim.Unknown();
        context.SetOutput(0, new Shape(count, DimMath.Strip(input[1]), Dim.Of(context.Int("output_height", 1)), Dim.Of(context.Int("output_width", 1))));
    }

    /// <summary>The given output_shape, or each spatial size as (in-1)*stride + kernel - pads.</summary>
    private static void MaxUnpool(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (context.HasInput(2))
        {
            context.SetOutput(0, RuleSupport.ShapeFromInput(context, 2));
            return;
        }
        if (input.Rank < 3) throw context.Fail($"input must have at least 3 dims (N, C, spatial...), got {input}");
        int n = input.Rank - 2;
        var kernel = context.Ints("kernel_shape") ?? throw context.Fail("MaxUnpool needs attribute 'kernel_shape'");
        if (kernel.Count != n) throw context.Fail($"kernel_shape has {kernel.Count} values; {n} expected");
        var strides = SlidingWindow.PositiveList(context, "strides", n);
        var pads = SlidingWindow.Pads(context, n) ?? new long[2 * n];
        var spatial = Enumerable.Range(0, n).Select(i => input[2 + i].Value is long size
            ? Dim.Of(checked((size - 1) * strides[i] + kernel[i] - pads[i] - pads[i + n]))
            : Dim.Unknown());
        context.SetOutput(0, new Shape([DimMath.Strip(input[0]), DimMath.Strip(input[1]), .. spatial]));
    }
}
