using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// A transposed 2-D convolution (Keras's Conv2DTranspose): output size input·stride for
/// same padding, input·stride + max(kernel − stride, 0) for valid. Exports as ConvTranspose
/// with kernel [in, filters, kh, kw] and explicit pads and output padding.
/// </summary>
public sealed class Conv2DTranspose(int filters, Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, Size2? dilation = null,
    Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) : Layer(name)
{
    private readonly Size2 kernel = kernelSize;
    private readonly Size2 stride = strides ?? 1;
    private readonly Size2 dilations = dilation ?? 1;
    private Weight? kernelWeight;
    private Weight? bias;

    /// <summary>The number of output channels.</summary>
    public int Filters { get; } = filters > 0 ? filters : throw new ArgumentOutOfRangeException(nameof(filters));

    /// <summary>Valid or same padding.</summary>
    public Padding Padding { get; } = padding;

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; } = activation ?? Activation.Linear;

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>The kernel, [in, filters, kh, kw]; exists once the layer is built (its first call).</summary>
    public Weight Kernel => Built(kernelWeight)!;

    /// <summary>The bias, [filters]; null without <see cref="UseBias"/>.</summary>
    public Weight? Bias => Built(bias);

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != 3)
            throw ShapeError($"expects channels-first image input (None, channels, height, width) but was called on shape {ShapeText.Format(shape)}.");
        if (kernelWeight is not null && kernelWeight.Shape[0] != shape[0])
            throw ShapeError($"was built for {kernelWeight.Shape[0]} input channels but was called on shape {ShapeText.Format(shape)}.");
        return [[Filters, Geometry(shape[1], 0).Output, Geometry(shape[2], 1).Output]];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        long channels = inputShapes[0][0];
        kernelWeight = AddWeight("kernel", [channels, Filters, kernel.Height, kernel.Width], kernelInitializer ?? Initializers.GlorotUniform,
            kerasLayout: new KerasLayout([kernel.Height, kernel.Width, Filters, channels], [3, 2, 0, 1]));
        if (UseBias) bias = AddWeight("bias", [Filters], biasInitializer ?? Initializers.Zeros);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var shape = call.Inputs[0].Shape;
        var rows = Geometry(shape[1], 0);
        var cols = Geometry(shape[2], 1);
        var y = builder.ConvTranspose(inputs[0], builder.Weight(Kernel), Bias is { } b ? builder.Weight(b) : null,
            kernel.ToArray(), stride.ToArray(), [rows.PadBegin, cols.PadBegin, rows.PadEnd, cols.PadEnd], dilations.ToArray(),
            [rows.OutputPadding, cols.OutputPadding], 1);
        return [Activation.Apply(builder, y, 4)];
    }

    private (long Output, long PadBegin, long PadEnd, long OutputPadding) Geometry(long input, int axis) => axis == 0
        ? ConvArithmetic.Transposed(input, kernel.Height, stride.Height, dilations.Height, Padding)
        : ConvArithmetic.Transposed(input, kernel.Width, stride.Width, dilations.Width, Padding);
}
