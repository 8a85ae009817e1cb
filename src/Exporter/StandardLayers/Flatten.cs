using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// Flattens each example to one axis. With channels-last export an image [C, H, W] is
/// first transposed to [H, W, C], so the order matches Keras's and weights trained in
/// Keras for the following Dense layer stay valid.
/// </summary>
public sealed class Flatten(string? name = null) : Layer(name)
{
    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) =>
        [[inputShapes[0].Aggregate(1L, (a, b) => checked(a * b))]];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var x = inputs[0];
        if (builder.ChannelsLast && call.Inputs[0].Shape.Count == 3) x = builder.Transpose(x, 0, 2, 3, 1);
        return [builder.Flatten(x, 1)];
    }
}
