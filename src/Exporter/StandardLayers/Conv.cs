using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// The shared implementation of Conv1D and Conv2D: a grouped, strided, dilated
/// convolution over channels-first input [C, spatial...] with kernel [filters, C/groups, k...].
/// </summary>
public abstract class Conv : Layer
{
    private readonly Initializer kernelInitializer;
    private readonly Initializer biasInitializer;
    private Weight? kernel;
    private Weight? bias;

    /// <summary>Configures the convolution; every per-axis array has one entry per spatial axis.</summary>
    protected Conv(int filters, long[] kernelSize, long[] strides, Padding padding, long[] dilations, int groups,
        Activation? activation, bool useBias, Initializer? kernelInitializer, Initializer? biasInitializer, string? name) : base(name)
    {
        if (filters <= 0) throw new ArgumentOutOfRangeException(nameof(filters), "A convolution needs at least one filter.");
        if (groups <= 0 || filters % groups != 0) throw new ArgumentException($"Filters ({filters}) must be a positive multiple of groups ({groups}).", nameof(groups));
        if (kernelSize.Concat(strides).Concat(dilations).Any(v => v <= 0)) throw new ArgumentException("Kernel sizes, strides and dilations must be positive.");
        Filters = filters;
        KernelSize = kernelSize;
        Strides = strides;
        Padding = padding;
        Dilations = dilations;
        Groups = groups;
        Activation = activation ?? Activation.Linear;
        UseBias = useBias;
        this.kernelInitializer = kernelInitializer ?? Initializers.GlorotUniform;
        this.biasInitializer = biasInitializer ?? Initializers.Zeros;
    }

    /// <summary>The number of output channels.</summary>
    public int Filters { get; }

    /// <summary>The kernel size per spatial axis.</summary>
    public IReadOnlyList<long> KernelSize { get; }

    /// <summary>The stride per spatial axis.</summary>
    public IReadOnlyList<long> Strides { get; }

    /// <summary>Valid or same padding.</summary>
    public Padding Padding { get; }

    /// <summary>The dilation per spatial axis.</summary>
    public IReadOnlyList<long> Dilations { get; }

    /// <summary>The number of channel groups.</summary>
    public int Groups { get; }

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; }

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; }

    /// <summary>The kernel, [filters, channels/groups, k...]; exists once the layer is built (its first call).</summary>
    public Weight Kernel => Built(kernel)!;

    /// <summary>The bias, [filters]; null without <see cref="UseBias"/>.</summary>
    public Weight? Bias => Built(bias);

    private int SpatialRank => KernelSize.Count;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != SpatialRank + 1)
            throw ShapeError($"expects channels-first input of rank {SpatialRank + 2} (None, channels, {string.Join(", ", Enumerable.Repeat("size", SpatialRank))}) but was called on shape {ShapeText.Format(shape)}.");
        long channels = shape[0];
        if (channels % Groups != 0) throw ShapeError($"cannot split {channels} input channels of shape {ShapeText.Format(shape)} into {Groups} groups.");
        if (kernel is not null && kernel.Shape[1] * Groups != channels)
            throw ShapeError($"was built for {kernel.Shape[1] * Groups} input channels but was called on shape {ShapeText.Format(shape)}.");
        var output = new long[SpatialRank + 1];
        output[0] = Filters;
        for (int axis = 0; axis < SpatialRank; axis++)
        {
            var (length, _, _) = ConvArithmetic.Forward(shape[axis + 1], KernelSize[axis], Strides[axis], Dilations[axis], Padding);
            if (length <= 0) throw ShapeError($"kernel {ShapeText.FormatDims(KernelSize)} with dilation {ShapeText.FormatDims(Dilations)} does not fit input shape {ShapeText.Format(shape)} with valid padding.");
            output[axis + 1] = length;
        }
        return [output];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        long perGroup = inputShapes[0][0] / Groups;
        int n = SpatialRank;
        long[] kernelShape = [Filters, perGroup, .. KernelSize];
        long[] kerasShape = [.. KernelSize, perGroup, Filters];
        int[] permutation = [n + 1, n, .. Enumerable.Range(0, n)];
        kernel = AddWeight("kernel", kernelShape, kernelInitializer, kerasLayout: new KerasLayout(kerasShape, permutation));
        if (UseBias) bias = AddWeight("bias", [Filters], biasInitializer);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var shape = call.Inputs[0].Shape;
        var pads = new long[2 * SpatialRank];
        for (int axis = 0; axis < SpatialRank; axis++)
            (_, pads[axis], pads[axis + SpatialRank]) = ConvArithmetic.Forward(shape[axis + 1], KernelSize[axis], Strides[axis], Dilations[axis], Padding);
        var y = builder.Conv(inputs[0], builder.Weight(Kernel), Bias is { } b ? builder.Weight(b) : null,
            KernelSize.ToArray(), Strides.ToArray(), pads, Dilations.ToArray(), Groups);
        return [Activation.Apply(builder, y, call.Inputs[0].Rank)];
    }
}
