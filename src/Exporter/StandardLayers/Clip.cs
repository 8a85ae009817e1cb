using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Clamps values to [min, max] (either bound optional), exported as Clip.</summary>
public sealed class Clip(float? min, float? max, string? name = null) : Layer(name)
{
    /// <summary>The lower bound, if any.</summary>
    public float? Min { get; } = min <= max || min is null || max is null ? min : throw new ArgumentException($"Clip min {min} exceeds max {max}.", nameof(min));

    /// <summary>The upper bound, if any.</summary>
    public float? Max { get; } = max;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) => [inputShapes[0]];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Clip(inputs[0], Min, Max)];
}
