using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Softmax over one axis as a layer (Keras's <c>layers.Softmax(axis)</c>); the batch is axis 0.</summary>
public sealed class Softmax(int axis = -1, string? name = null) : Layer(name)
{
    /// <summary>The normalized axis.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        int rank = inputShapes[0].Length + 1;
        int resolved = Axis < 0 ? Axis + rank : Axis;
        if (resolved <= 0 || resolved >= rank) throw ShapeError($"axis {Axis} is not a per-example axis of shape {ShapeText.Format(inputShapes[0])}.");
        return [inputShapes[0]];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Softmax(inputs[0], Axis, call.Inputs[0].Rank)];
}
