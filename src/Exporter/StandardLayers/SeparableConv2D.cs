using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// A depthwise convolution followed by a 1×1 pointwise convolution (Keras's SeparableConv2D):
/// two Conv nodes, the bias on the pointwise one.
/// </summary>
public sealed class SeparableConv2D(int filters, Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, int depthMultiplier = 1,
    Size2? dilation = null, Activation? activation = null, bool useBias = true,
    Initializer? depthwiseInitializer = null, Initializer? pointwiseInitializer = null, Initializer? biasInitializer = null, string? name = null) : Layer(name)
{
    private readonly SpatialWindow window = new(kernelSize, strides ?? 1, dilation ?? 1, padding);
    private Weight? depthwiseKernel;
    private Weight? pointwiseKernel;
    private Weight? bias;

    /// <summary>The number of output channels.</summary>
    public int Filters { get; } = filters > 0 ? filters : throw new ArgumentOutOfRangeException(nameof(filters));

    /// <summary>Depthwise kernels per input channel.</summary>
    public int DepthMultiplier { get; } = depthMultiplier > 0 ? depthMultiplier : throw new ArgumentOutOfRangeException(nameof(depthMultiplier));

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; } = activation ?? Activation.Linear;

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>The depthwise kernel, [channels·multiplier, 1, kh, kw]; exists once the layer is built (its first call).</summary>
    public Weight DepthwiseKernel => Built(depthwiseKernel)!;

    /// <summary>The 1×1 pointwise kernel, [filters, channels·multiplier, 1, 1].</summary>
    public Weight PointwiseKernel => Built(pointwiseKernel)!;

    /// <summary>The bias of the pointwise convolution, [filters]; null without <see cref="UseBias"/>.</summary>
    public Weight? Bias => Built(bias);

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        var output = window.OutputShape(shape, Filters, ShapeError);
        if (depthwiseKernel is not null && depthwiseKernel.Shape[0] != shape[0] * DepthMultiplier)
            throw ShapeError($"was built for {depthwiseKernel.Shape[0] / DepthMultiplier} input channels but was called on shape {ShapeText.Format(shape)}.");
        return [output];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        long channels = inputShapes[0][0];
        long depth = channels * DepthMultiplier;
        long area = window.Kernel.Height * window.Kernel.Width;
        depthwiseKernel = AddWeight("depthwise_kernel", [depth, 1, window.Kernel.Height, window.Kernel.Width], depthwiseInitializer ?? Initializers.GlorotUniform,
            fans: (channels * area, DepthMultiplier * area),
            kerasLayout: new KerasLayout([window.Kernel.Height, window.Kernel.Width, channels, DepthMultiplier], [2, 3, 0, 1]));
        pointwiseKernel = AddWeight("pointwise_kernel", [Filters, depth, 1, 1], pointwiseInitializer ?? Initializers.GlorotUniform,
            kerasLayout: new KerasLayout([1, 1, depth, Filters], [3, 2, 0, 1]));
        if (UseBias) bias = AddWeight("bias", [Filters], biasInitializer ?? Initializers.Zeros);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var shape = call.Inputs[0].Shape;
        var depthwise = builder.Conv(inputs[0], builder.Weight(DepthwiseKernel), null,
            window.Kernel.ToArray(), window.Strides.ToArray(), window.Pads(shape), window.Dilation.ToArray(), shape[0]);
        var y = builder.Conv(depthwise, builder.Weight(PointwiseKernel), Bias is { } b ? builder.Weight(b) : null,
            [1, 1], [1, 1], [0, 0, 0, 0], [1, 1], 1);
        return [Activation.Apply(builder, y, 4)];
    }
}
