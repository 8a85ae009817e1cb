using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Reshapes each example to <c>targetShape</c>, in which one entry may be −1 (inferred).</summary>
public sealed class Reshape : Layer
{
    private readonly long[] target;

    /// <summary>Creates the layer; the target excludes the batch dimension, as in Keras.</summary>
    public Reshape(long[] targetShape, string? name = null) : base(name)
    {
        if (targetShape.Count(d => d == -1) > 1 || targetShape.Any(d => d == 0 || d < -1))
            throw new ArgumentException($"Reshape target {ShapeText.FormatDims(targetShape)} may hold positive sizes and at most one -1.", nameof(targetShape));
        target = (long[])targetShape.Clone();
    }

    /// <summary>The target per-example shape as given.</summary>
    public IReadOnlyList<long> TargetShape => target;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        long count = inputShapes[0].Aggregate(1L, (a, b) => a * b);
        long known = target.Where(d => d > 0).Aggregate(1L, (a, b) => a * b);
        var output = (long[])target.Clone();
        int unknown = Array.IndexOf(output, -1L);
        if (unknown >= 0)
        {
            if (count % known != 0) throw ShapeError($"cannot reshape input shape {ShapeText.Format(inputShapes[0])} to {ShapeText.Format(target)}: {count} elements are not divisible by {known}.");
            output[unknown] = count / known;
        }
        else if (known != count)
        {
            throw ShapeError($"cannot reshape input shape {ShapeText.Format(inputShapes[0])} ({count} elements) to {ShapeText.Format(target)} ({known} elements).");
        }
        return [output];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Reshape(inputs[0], [0, .. call.Outputs[0].Shape])];
}
