using OnnxKit.Ir;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Training.Gradients.Rules;

/// <summary>
/// MaxPool: each output's gradient goes to the input element that won its window (the first
/// maximum in row-major window order, as ONNX Runtime's indices and PyTorch choose).
/// <list type="bullet">
/// <item>Windows that tile the input (<see cref="MaxPoolGeometry.HasDisjointWindows"/>): x is
/// rearranged by window slot ([kh·kw, N·C·Ho·Wo] by Reshape and Transpose, so that each slot is
/// one contiguous block and the broadcasts below run over long rows), ArgMax over the slots
/// finds each window's winner, dy goes to the winner's slot (Where over Equal(winner, slot)),
/// and the slots are folded back into x's layout (rows and columns past the last whole window
/// get zero).</item>
/// <item>Other windows: the training form gives the node its Indices output (flat positions in
/// the whole input), and dx is a scatter-add of dy at those positions into zeros (overlapping
/// windows may pick the same element twice; their gradients add).</item>
/// </list>
/// </summary>
internal sealed class MaxPoolGradient : GradientRule
{
    /// <inheritdoc/>
    public override IReadOnlyList<string> OpTypes { get; } = ["MaxPool"];

    /// <inheritdoc/>
    public override Value?[] Backward(GradientContext c)
    {
        if (c.Node.Outputs.Count >= 2 && c.Output(1).Name.Length > 0) return [Scatter(c)];
        if (!MaxPoolGeometry.HasDisjointWindows(c.Node)) throw c.Unsupported("the node has no Indices output (the training form adds it)");
        return [WindowArgMax(c)];
    }

    private static Value Scatter(GradientContext c)
    {
        if (c.Int("storage_order", 0) != 0) throw c.Unsupported("storage_order 1 is not supported");
        var e = c.Emit;
        var x = c.Input(0);
        var flatSize = e.Reshape(e.Op("Size", x), [1]);
        var zeros = e.Op("ConstantOfShape", [flatSize], Attribute.Tensor("value", DenseTensor.FromFloats([0f], [1])));
        var scattered = e.Op("ScatterElements", [zeros, e.Reshape(c.Output(1), [-1]), e.Reshape(c.RequiredOutputGradient(), [-1])],
            Attribute.Int("axis", 0), Attribute.String("reduction", "add"));
        return e.Reshape(scattered, e.Shape(x));
    }

    private static Value WindowArgMax(GradientContext c)
    {
        var e = c.Emit;
        var x = c.Input(0);
        var sizes = c.StaticShape(x, fromAxis: 1);
        var outSizes = c.StaticShape(c.Output(), fromAxis: 2);
        var kernel = c.Ints("kernel_shape")!;
        long channels = sizes[0], height = sizes[1], width = sizes[2], outHeight = outSizes[0], outWidth = outSizes[1];
        long kh = kernel[0], kw = kernel[1];
        long coveredHeight = kh * outHeight, coveredWidth = kw * outWidth;
        bool trimmed = coveredHeight != height || coveredWidth != width;
        var covered = trimmed ? e.Op("Slice", x, e.Int64s(0, 0), e.Int64s(coveredHeight, coveredWidth), e.Int64s(2, 3)) : x;
        // SpaceToDepth: [N, C, H, W] → [N, (kh, kw, C), Ho, Wo], viewed as [N, kh·kw, C·Ho·Wo]: window slot by slot.
        if (kh != kw) throw c.Unsupported("non-square pooling windows are not supported");
        var windows = e.Reshape(e.Op("SpaceToDepth", [covered], Attribute.Int("blocksize", kh)), [0, kh * kw, -1]);
        var winner = e.Op("ArgMax", [windows], Attribute.Int("axis", 1), Attribute.Int("keepdims", 1));
        var slots = e.Constant(DenseTensor.FromInt64s(Enumerable.Range(0, (int)(kh * kw)).Select(i => (long)i).ToArray(), [1, kh * kw, 1]));
        var routed = e.Where(e.Op("Equal", winner, slots), e.Reshape(c.RequiredOutputGradient(), [0, 1, -1]), e.Scalar(0f));
        var dx = e.Op("DepthToSpace", [e.Reshape(routed, [0, kh * kw * channels, outHeight, outWidth])], Attribute.Int("blocksize", kh), Attribute.String("mode", "DCR"));
        return trimmed ? e.Op("Pad", dx, e.Int64s(0, 0, 0, 0, 0, 0, height - coveredHeight, width - coveredWidth)) : dx;
    }
}
