using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// Concatenates two or more inputs along <c>axis</c>, counted as in Keras with the batch as
/// axis 0 (−1 is the last axis; channels of a channels-first image are axis 1). All other
/// dimensions must be equal.
/// </summary>
public sealed class Concatenate(int axis = -1, string? name = null) : Layer(name)
{
    /// <summary>The concatenation axis as given.</summary>
    public int Axis { get; } = axis;

    /// <inheritdoc/>
    protected override int? InputCount => null;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var first = inputShapes[0];
        int resolved = Resolve(first.Length + 1);
        if (resolved <= 0 || resolved > first.Length)
            throw ShapeError($"axis {Axis} is not a per-example axis of shape {ShapeText.Format(first)} (the batch axis 0 cannot be concatenated).");
        var output = (long[])first.Clone();
        foreach (var shape in inputShapes.Skip(1))
        {
            bool compatible = shape.Length == first.Length && Enumerable.Range(0, shape.Length).All(a => a == resolved - 1 || shape[a] == first[a]);
            if (!compatible)
                throw ShapeError($"cannot concatenate inputs of shapes {ShapeText.Format(first)} and {ShapeText.Format(shape)} along axis {resolved}: all other axes must match.");
            output[resolved - 1] += shape[resolved - 1];
        }
        return [output];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Concat(inputs, Resolve(call.Inputs[0].Rank))];

    private int Resolve(int rank) => Axis < 0 ? Axis + rank : Axis;
}
