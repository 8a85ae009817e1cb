using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// Layer normalization over the axes from <c>axis</c> to the last (ONNX's convention; Keras's
/// default axis −1 normalizes the last axis only, the same thing). Epsilon defaults to
/// Keras's 1e-3. gamma and beta have the shape of the normalized axes.
/// </summary>
public sealed class LayerNormalization(int axis = -1, float epsilon = 1e-3f, bool center = true, bool scale = true, string? name = null) : Layer(name)
{
    private long[]? normalizedShape;
    private Weight? gamma;
    private Weight? beta;

    /// <summary>The first normalized axis (batch counted; negative counts from the end).</summary>
    public int Axis { get; } = axis;

    /// <summary>Added to the variance.</summary>
    public float Epsilon { get; } = epsilon > 0 ? epsilon : throw new ArgumentOutOfRangeException(nameof(epsilon));

    /// <summary>γ, of the normalized axes' shape; null without <c>scale</c>. Weights exist once the layer is built (its first call).</summary>
    public Weight? Gamma => Built(gamma);

    /// <summary>β, of the normalized axes' shape; null without <c>center</c>.</summary>
    public Weight? Beta => Built(beta);

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        int resolved = ResolveAxis(shape.Length + 1);
        if (resolved <= 0 || resolved > shape.Length)
            throw ShapeError($"axis {Axis} is not a per-example axis of shape {ShapeText.Format(shape)}.");
        if (normalizedShape is not null && !normalizedShape.SequenceEqual(shape[(resolved - 1)..]))
            throw ShapeError($"was built to normalize {ShapeText.FormatDims(normalizedShape)} but was called on shape {ShapeText.Format(shape)}.");
        return [shape];
    }

    /// <inheritdoc/>
    protected override void Build(IReadOnlyList<long[]> inputShapes)
    {
        normalizedShape = inputShapes[0][(ResolveAxis(inputShapes[0].Length + 1) - 1)..];
        if (scale) gamma = AddWeight("gamma", normalizedShape, Initializers.Ones);
        if (center) beta = AddWeight("beta", normalizedShape, Initializers.Zeros);
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        int rank = call.Inputs[0].Rank;
        int resolved = ResolveAxis(rank);
        var normalized = call.Inputs[0].Shape.Skip(resolved - 1).ToArray();
        long count = normalized.Aggregate(1L, (a, b) => a * b);
        var g = Gamma is { } weight ? builder.Weight(weight) : builder.Floats(Enumerable.Repeat(1f, (int)count).ToArray(), normalized);
        Value? b = Beta is { } shift ? builder.Weight(shift) : null;
        return [builder.LayerNormalization(inputs[0], g, b, resolved, rank, Epsilon)];
    }

    private int ResolveAxis(int rank) => Axis < 0 ? Axis + rank : Axis;
}
