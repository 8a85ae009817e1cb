using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Dropout; the identity at inference, exported as an inference-mode Dropout node.</summary>
public sealed class Dropout(float rate, string? name = null) : Layer(name)
{
    /// <summary>The fraction of units dropped while training.</summary>
    public float Rate { get; } = rate is >= 0 and < 1 ? rate : throw new ArgumentOutOfRangeException(nameof(rate), "The dropout rate must be in [0, 1).");

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) => [inputShapes[0]];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Dropout(inputs[0], Rate)];
}
