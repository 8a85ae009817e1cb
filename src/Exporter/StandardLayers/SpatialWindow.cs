using OnnxKit.Exporter.Lowering;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// The geometry of a 2-D sliding window (kernel or pool) over channels-first input:
/// shape checking, output shape and explicit pads, shared by the depthwise, separable and
/// pooling layers.
/// </summary>
internal sealed record SpatialWindow(Size2 Kernel, Size2 Strides, Size2 Dilation, Padding Padding)
{
    /// <summary>The output [C', H', W'] for input [C, H, W], or an error message.</summary>
    public long[] OutputShape(long[] input, long outputChannels, Func<string, LayerShapeException> error)
    {
        if (input.Length != 3)
            throw error($"expects channels-first image input (None, channels, height, width) but was called on shape {ShapeText.Format(input)}.");
        var (height, _, _) = ConvArithmetic.Forward(input[1], Kernel.Height, Strides.Height, Dilation.Height, Padding);
        var (width, _, _) = ConvArithmetic.Forward(input[2], Kernel.Width, Strides.Width, Dilation.Width, Padding);
        if (height <= 0 || width <= 0)
            throw error($"window {Kernel} with dilation {Dilation} does not fit input shape {ShapeText.Format(input)} with valid padding.");
        return [outputChannels, height, width];
    }

    /// <summary>ONNX pads [top, left, bottom, right] for input [C, H, W].</summary>
    public long[] Pads(IReadOnlyList<long> input)
    {
        var (_, top, bottom) = ConvArithmetic.Forward(input[1], Kernel.Height, Strides.Height, Dilation.Height, Padding);
        var (_, left, right) = ConvArithmetic.Forward(input[2], Kernel.Width, Strides.Width, Dilation.Width, Padding);
        return [top, left, bottom, right];
    }
}
