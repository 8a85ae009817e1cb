using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// Batch normalization over the channel axis (axis 1: channels of a channels-first image,
/// features of a 2-D tensor), with Keras's defaults: epsilon 1e-3 and momentum 0.99, both
/// written explicitly. gamma and beta are trainable; the moving mean and variance are not.
/// </summary>
public sealed class BatchNormalization(float epsilon = 1e-3f, float momentum = 0.99f, bool center = true, bool scale = true, string? name = null) : Layer(name)
{
    /// <summary>Added to the variance.</summary>
    public float Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon));

    /// <summary>The moving-average momentum (training only).</summary>
    public float Momentum { get; } = momentum;

    /// <summary>Whether beta is learned (otherwise 0).</summary>
    public bool Center { get; } = center;

    /// <summary>Whether gamma is learned (otherwise 1).</summary>
    public bool Scale { get; } = scale;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length == 0) throw ShapeError("needs a channel axis, got shape (None,).");
        if (IsBuilt && GetWeight("moving_mean").Shape[0] != shape[0])
            throw ShapeError($"was built for {GetWeight("moving_mean").Shape[0]} channels (axis 1) but was called on shape {ShapeText.Format(shape)}.");
        return [shape];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        long channels = inputShapes[0][0];
        if (Scale) AddWeight("gamma", [channels], Initializers.Ones);
        if (Center) AddWeight("beta", [channels], Initializers.Zeros);
        AddWeight("moving_mean", [channels], Initializers.Zeros, trainable: false);
        AddWeight("moving_variance", [channels], Initializers.Ones, trainable: false);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        long channels = call.Inputs[0].Shape[0];
        var gamma = Scale ? builder.Weight(GetWeight("gamma")) : builder.Floats(Enumerable.Repeat(1f, (int)channels).ToArray(), channels);
        var beta = Center ? builder.Weight(GetWeight("beta")) : builder.Floats(new float[channels], channels);
        return [builder.BatchNormalization(inputs[0], gamma, beta, builder.Weight(GetWeight("moving_mean")),
            builder.Weight(GetWeight("moving_variance")), Epsilon, Momentum)];
    }
}
