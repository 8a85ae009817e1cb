using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// A depthwise 2-D convolution: each input channel is convolved with its own
/// <c>depthMultiplier</c> kernels. Exports as Conv with group = channels and kernel
/// [channels·multiplier, 1, kh, kw].
/// </summary>
public sealed class DepthwiseConv2D(Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, int depthMultiplier = 1,
    Size2? dilation = null, Activation? activation = null, bool useBias = true,
    Initializer? depthwiseInitializer = null, Initializer? biasInitializer = null, string? name = null) : Layer(name)
{
    private readonly SpatialWindow window = new(kernelSize, strides ?? 1, dilation ?? 1, padding);
    private Weight? depthwiseKernel;
    private Weight? bias;

    /// <summary>Kernels per input channel.</summary>
    public int DepthMultiplier { get; } = depthMultiplier > 0 ? depthMultiplier : throw new ArgumentOutOfRangeException(nameof(depthMultiplier));

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; } = activation ?? Activation.Linear;

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>The kernel, [channels·multiplier, 1, kh, kw]; exists once the layer is built (its first call).</summary>
    public Weight DepthwiseKernel => Built(depthwiseKernel)!;

    /// <summary>The bias, [channels·multiplier]; null without <see cref="UseBias"/>.</summary>
    public Weight? Bias => Built(bias);

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        var output = window.OutputShape(shape, shape.Length > 0 ? shape[0] * DepthMultiplier : 0, ShapeError);
        if (depthwiseKernel is not null && depthwiseKernel.Shape[0] != output[0])
            throw ShapeError($"was built for {depthwiseKernel.Shape[0] / DepthMultiplier} input channels but was called on shape {ShapeText.Format(shape)}.");
        return [output];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        long channels = inputShapes[0][0];
        long area = window.Kernel.Height * window.Kernel.Width;
        depthwiseKernel = AddWeight("depthwise_kernel", [channels * DepthMultiplier, 1, window.Kernel.Height, window.Kernel.Width],
            depthwiseInitializer ?? Initializers.GlorotUniform,
            fans: (channels * area, DepthMultiplier * area),
            kerasLayout: new KerasLayout([window.Kernel.Height, window.Kernel.Width, channels, DepthMultiplier], [2, 3, 0, 1]));
        if (UseBias) bias = AddWeight("bias", [channels * DepthMultiplier], biasInitializer ?? Initializers.Zeros);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var shape = call.Inputs[0].Shape;
        var y = builder.Conv(inputs[0], builder.Weight(DepthwiseKernel), Bias is { } b ? builder.Weight(b) : null,
            window.Kernel.ToArray(), window.Strides.ToArray(), window.Pads(shape), window.Dilation.ToArray(), shape[0]);
        return [Activation.Apply(builder, y, 4)];
    }
}
