using OnnxKit.Exporter.Initialization;
using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// A fully connected layer over the last axis: y = activation(x·W + b) with W of shape
/// [in, units]. On 2-D input it exports as Gemm; on higher ranks as MatMul + Add.
/// </summary>
public sealed class Dense(int units, Activation? activation = null, bool useBias = true,
    Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null) : Layer(name)
{
    private Weight? kernel;
    private Weight? bias;

    /// <summary>The output width.</summary>
    public int Units { get; } = units > 0 ? units : throw new ArgumentOutOfRangeException(nameof(units), "Dense needs at least one unit.");

    /// <summary>The activation applied to the output.</summary>
    public Activation Activation { get; } = activation ?? Activation.Linear;

    /// <summary>Whether a bias is added.</summary>
    public bool UseBias { get; } = useBias;

    /// <summary>W, of shape [in, units]; exists once the layer is built (its first call).</summary>
    public Weight Kernel => Built(kernel)!;

    /// <summary>b, of shape [units]; null without <see cref="UseBias"/>.</summary>
    public Weight? Bias => Built(bias);

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length == 0) throw ShapeError("needs inputs with at least one axis besides the batch, got shape (None,).");
        if (kernel is not null && kernel.Shape[0] != shape[^1])
            throw ShapeError($"was built for inputs whose last axis is {kernel.Shape[0]} but was called on shape {ShapeText.Format(shape)}.");
        return [[.. shape[..^1], Units]];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        kernel = AddWeight("kernel", [inputShapes[0][^1], Units], kernelInitializer ?? Initializers.GlorotUniform);
        if (UseBias) bias = AddWeight("bias", [Units], biasInitializer ?? Initializers.Zeros);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var w = builder.Weight(Kernel);
        Value? b = Bias is { } weight ? builder.Weight(weight) : null;
        int rank = call.Inputs[0].Rank;
        Value y;
        if (rank == 2) y = builder.Gemm(inputs[0], w, b);
        else
        {
            y = builder.MatMul(inputs[0], w);
            if (b is not null) y = builder.Add(y, b);
        }
        return [Activation.Apply(builder, y, rank)];
    }
}
