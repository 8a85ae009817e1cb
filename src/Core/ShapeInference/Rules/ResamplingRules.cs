using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Spatial resampling: Resize, Upsample, GridSample and AffineGrid.</summary>
internal static class ResamplingRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Resize"] = Resize;
        rules["Upsample"] = Upsample;
        rules["GridSample"] = GridSample;
        rules["AffineGrid"] = AffineGrid;
    }

    /// <summary>
    /// Resize: inputs (X, scales) in opset 10, (X, roi, scales, sizes) from 11; from 18 'axes' picks the
    /// resized axes and keep_aspect_ratio_policy may adjust sizes.
    /// </summary>
    private static void Resize(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        int scalesIndex = context.Opset < 11 ? 1 : 2;
        var axes = (context.Opset >= 18 ? context.Ints("axes") : null)?.Select(a => context.Axis(a, input.Rank, "resize axis")).ToArray()
            ?? Enumerable.Range(0, input.Rank).ToArray();

        if (context.Opset >= 11 && IsGiven(context, 3))
        {
            var sizes = context.InputData(3);
            if (sizes is null)
            {
                context.SetOutput(0, new Shape(input.Select((d, i) => axes.Contains(i) ? Dim.Unknown() : d)));
                return;
            }
            if (sizes.Elements.Count != axes.Length) throw context.Fail($"sizes has {sizes.Elements.Count} values for {axes.Length} axes");
            context.SetOutput(0, Sized(context, input, axes, sizes.Elements));
            return;
        }
        if (!IsGiven(context, scalesIndex))
            throw context.Fail("Resize needs either scales or sizes");
        var scales = context.InputDoubles(scalesIndex);
        if (scales is not null && scales.Length != axes.Length) throw context.Fail($"scales has {scales.Length} values for {axes.Length} axes");
        context.SetOutput(0, Scaled(input, axes, scales));
    }

    /// <summary>Whether an optional input is present and not an empty tensor (ONNX's way of leaving roi or scales out).</summary>
    private static bool IsGiven(NodeContext context, int index) =>
        context.HasInput(index) && !(context.InputShape(index) is { } shape && shape.ElementCount() == 0);

    private static Shape Sized(NodeContext context, Shape input, int[] axes, IReadOnlyList<Dim> sizes)
    {
        var dims = input.ToArray();
        string policy = context.String("keep_aspect_ratio_policy", "stretch");
        if (policy == "stretch" || context.Opset < 18)
        {
            for (int i = 0; i < axes.Length; i++) dims[axes[i]] = sizes[i];
            return new Shape(dims);
        }
        if (sizes.Any(s => !s.IsKnown) || axes.Any(a => !input[a].IsKnown))
        {
            foreach (var axis in axes) dims[axis] = Dim.Unknown();
            return new Shape(dims);
        }
        var ratios = axes.Select((a, i) => (double)sizes[i].Value!.Value / input[a].Value!.Value).ToArray();
        double scale = policy switch
        {
            "not_larger" => ratios.Min(),
            "not_smaller" => ratios.Max(),
            _ => throw context.Fail($"keep_aspect_ratio_policy '{policy}' is not one of stretch, not_larger, not_smaller"),
        };
        // Round half up, as the operator's definition says.
        foreach (var axis in axes) dims[axis] = Dim.Of((long)Math.Floor(scale * input[axis].Value!.Value + 0.5));
        return new Shape(dims);
    }

    /// <summary>Each scaled size is floor(size * scale), computed in float32 as ONNX's and ONNX Runtime's kernels do.</summary>
    private static Shape Scaled(Shape input, int[] axes, double[]? scales)
    {
        var dims = input.ToArray();
        for (int i = 0; i < axes.Length; i++)
        {
            var dim = input[axes[i]];
            dims[axes[i]] = scales is null ? Dim.Unknown()
                : scales[i] == 1 ? dim
                : dim.Value is long size ? Dim.Of((long)MathF.Floor(size * (float)scales[i]))
                : Dim.Unknown();
        }
        return new Shape(dims);
    }

    /// <summary>Upsample: scales as an attribute (7-8) or input (9); width_scale/height_scale before 7.</summary>
    private static void Upsample(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        var axes = Enumerable.Range(0, input.Rank).ToArray();
        double[]? scales = context.Opset switch
        {
            < 7 when input.Rank == 4 => [1, 1, context.Float("height_scale", 1), context.Float("width_scale", 1)],
            < 7 => null,
            < 9 => context.Floats("scales")?.Select(s => (double)s).ToArray(),
            _ => context.InputDoubles(1),
        };
        if (scales is not null && scales.Length != input.Rank) throw context.Fail($"scales has {scales.Length} values for input {input}");
        context.SetOutput(0, Scaled(input, axes, scales));
    }

    /// <summary>GridSample: [N, C] followed by the grid's spatial dims.</summary>
    private static void GridSample(NodeContext context)
    {
        if (context.InputShape(0) is not { } input || context.InputShape(1) is not { } grid) return;
        if (grid.Rank != input.Rank) throw context.Fail($"grid {grid} and input {input} have different ranks");
        context.SetOutput(0, new Shape([DimMath.Strip(input[0]), DimMath.Strip(input[1]), .. grid.Skip(1).Take(grid.Rank - 2)]));
    }

    /// <summary>AffineGrid: for size (N, C, spatial...), a grid (N, spatial..., spatial rank).</summary>
    private static void AffineGrid(NodeContext context)
    {
        var size = context.InputData(1);
        if (size is null || size.Elements.Count < 3)
        {
            context.SetOutput(0, context.InputShape(1) is { Rank: 1 } s && s[0].Value is long n and (4 or 5) ? RuleSupport.UnknownOfRank((int)n) : null);
            return;
        }
        int spatial = size.Elements.Count - 2;
        context.SetOutput(0, new Shape([size.Elements[0], .. size.Elements.Skip(2), Dim.Of(spatial)]));
    }
}
