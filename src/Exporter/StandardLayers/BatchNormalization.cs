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
    private Weight? gamma;
    private Weight? beta;
    private Weight? movingMean;
    private Weight? movingVariance;

    /// <summary>Added to the variance.</summary>
    public float Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon));

    /// <summary>The moving-average momentum (training only).</summary>
    public float Momentum { get; } = momentum;

    /// <summary>Whether beta is learned (otherwise 0).</summary>
    public bool Center { get; } = center;

    /// <summary>Whether gamma is learned (otherwise 1).</summary>
    public bool Scale { get; } = scale;

    /// <summary>γ, the per-channel scale; null without <see cref="Scale"/>. Weights exist once the layer is built (its first call).</summary>
    public Weight? Gamma => Built(gamma);

    /// <summary>β, the per-channel shift; null without <see cref="Center"/>.</summary>
    public Weight? Beta => Built(beta);

    /// <summary>The moving mean (non-trainable).</summary>
    public Weight MovingMean => Built(movingMean)!;

    /// <summary>The moving variance (non-trainable).</summary>
    public Weight MovingVariance => Built(movingVariance)!;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length == 0) throw ShapeError("needs a channel axis, got shape (None,).");
        if (movingMean is not null && movingMean.Shape[0] != shape[0])
            throw ShapeError($"was built for {movingMean.Shape[0]} channels (axis 1) but was called on shape {ShapeText.Format(shape)}.");
        return [shape];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        long channels = inputShapes[0][0];
        if (Scale) gamma = AddWeight("gamma", [channels], Initializers.Ones);
        if (Center) beta = AddWeight("beta", [channels], Initializers.Zeros);
        movingMean = AddWeight("moving_mean", [channels], Initializers.Zeros, trainable: false);
        movingVariance = AddWeight("moving_variance", [channels], Initializers.Ones, trainable: false);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        long channels = call.Inputs[0].Shape[0];
        var scale = Gamma is { } g ? builder.Weight(g) : builder.Floats(Enumerable.Repeat(1f, (int)channels).ToArray(), channels);
        var shift = Beta is { } b ? builder.Weight(b) : builder.Floats(new float[channels], channels);
        return [builder.BatchNormalization(inputs[0], scale, shift, builder.Weight(MovingMean), builder.Weight(MovingVariance), Epsilon, Momentum)];
    }
}
