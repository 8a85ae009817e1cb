using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Conv and its quantized and deformable variants, and ConvTranspose.</summary>
internal static class ConvolutionRules
{
    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        rules["Conv"] = context => Convolution(context, dataIndex: 0, weightIndex: 1);
        rules["ConvInteger"] = context => Convolution(context, dataIndex: 0, weightIndex: 1);
        rules["DeformConv"] = context => Convolution(context, dataIndex: 0, weightIndex: 1);
        rules["QLinearConv"] = context => Convolution(context, dataIndex: 0, weightIndex: 3);
        rules["ConvTranspose"] = ConvTranspose;
        rules["Col2Im"] = Col2Im;
    }

    /// <summary>Y[N, M, spatial...] from X[N, C, spatial...] and W[M, C/group, kernel...].</summary>
    private static void Convolution(NodeContext context, int dataIndex, int weightIndex)
    {
        if (context.InputShape(dataIndex) is not { } input) return;
        if (input.Rank < 3) throw context.Fail($"input must have at least 3 dims (N, C, spatial...), got {input}");
        var weights = context.InputShape(weightIndex);
        if (weights is not null && weights.Rank != input.Rank)
            throw context.Fail($"weights {weights} and input {input} have different ranks");
        long group = context.Int("group", 1);
        if (group <= 0) throw context.Fail($"group must be positive, got {group}");
        if (weights is not null && input[1].Value is long channels && weights[1].Value is long perGroup && channels != checked(perGroup * group))
            throw context.Fail($"input has {channels} channels but weights {weights} with group {group} expect {perGroup * group}");

        var kernel = context.Ints("kernel_shape") ?? SlidingWindow.KernelFromWeights(weights);
        var spatial = kernel is null
            ? Enumerable.Repeat(Dim.Unknown(), input.Rank - 2)
            : SlidingWindow.OutputSizes(context, input, kernel, ceilMode: false);
        var outputChannels = weights is null ? Dim.Unknown() : DimMath.Strip(weights[0]);
        context.SetOutput(0, new Shape([DimMath.Strip(input[0]), outputChannels, .. spatial]));
    }

    /// <summary>Y[N, group*W[1], spatial...]: each spatial size grows as stride*(in-1) + output_padding + kernel - pads, or is given.</summary>
    private static void ConvTranspose(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        if (input.Rank < 3) throw context.Fail($"input must have at least 3 dims (N, C, spatial...), got {input}");
        int n = input.Rank - 2;
        var weights = context.InputShape(1);
        if (weights is not null && weights.Rank != input.Rank)
            throw context.Fail($"weights {weights} and input {input} have different ranks");
        long group = context.Int("group", 1);
        if (group <= 0) throw context.Fail($"group must be positive, got {group}");
        var outputChannels = weights is null ? Dim.Unknown() : DimMath.Multiply(weights[1], Dim.Of(group));
        var spatial = new Dim[n];

        if (context.Ints("output_shape") is { } outputShape)
        {
            // Given either for the spatial axes or, as ONNX Runtime also accepts, for all axes.
            if (outputShape.Count != n && outputShape.Count != n + 2)
                throw context.Fail($"output_shape has {outputShape.Count} values; {n} expected");
            for (int i = 0; i < n; i++) spatial[i] = Dim.Of(outputShape[outputShape.Count - n + i]);
        }
        else
        {
            var kernel = context.Ints("kernel_shape") ?? SlidingWindow.KernelFromWeights(weights);
            if (kernel is not null && kernel.Count != n) throw context.Fail($"kernel has {kernel.Count} spatial dims but the input {input} has {n}");
            var strides = SlidingWindow.PositiveList(context, "strides", n);
            var dilations = SlidingWindow.PositiveList(context, "dilations", n);
            var outputPadding = context.Ints("output_padding") ?? new long[n];
            if (outputPadding.Count != n) throw context.Fail($"output_padding has {outputPadding.Count} values; {n} expected");
            var pads = SlidingWindow.Pads(context, n);
            string autoPad = context.String("auto_pad", "NOTSET");
            for (int i = 0; i < n; i++)
            {
                if (input[2 + i].Value is not long size || kernel is null)
                {
                    spatial[i] = Dim.Unknown();
                }
                else if (pads is null && autoPad is "SAME_UPPER" or "SAME_LOWER")
                {
                    spatial[i] = Dim.Of(checked(size * strides[i]));
                }
                else
                {
                    long effectiveKernel = checked((kernel[i] - 1) * dilations[i] + 1);
                    long total = pads is null ? 0 : pads[i] + pads[i + n];
                    spatial[i] = Dim.Of(checked(strides[i] * (size - 1) + outputPadding[i] + effectiveKernel - total));
                }
            }
        }
        context.SetOutput(0, new Shape([DimMath.Strip(input[0]), outputChannels, .. spatial]));
    }

    /// <summary>Col2Im: [N, C * product(block_shape), L] back to [N, C, image_shape...].</summary>
    private static void Col2Im(NodeContext context)
    {
        if (context.InputShape(0) is not { Rank: 3 } input) return;
        var image = context.InputData(1);
        var block = context.InputInts(2);
        if (image is null)
        {
            context.SetOutput(0, context.InputShape(1) is { Rank: 1 } s && s[0].Value is long n && n <= ShapeData.MaxElements
                ? RuleSupport.UnknownOfRank((int)n + 2) : null);
            return;
        }
        Dim channels = Dim.Unknown();
        if (block is not null)
        {
            long blockSize = block.Aggregate(1L, (a, b) => checked(a * b));
            if (blockSize <= 0) throw context.Fail($"block_shape [{string.Join(",", block)}] must be positive");
            if (input[1].Value is long packed && packed % blockSize != 0)
                throw context.Fail($"input channels {packed} are not a multiple of the block size {blockSize}");
            channels = DimMath.Divide(input[1], Dim.Of(blockSize));
        }
        context.SetOutput(0, new Shape([DimMath.Strip(input[0]), channels, .. image.Elements]));
    }
}
