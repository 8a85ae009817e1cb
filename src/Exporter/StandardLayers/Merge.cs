using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// The shared logic of elementwise merge layers (Add, Subtract, Multiply, Average): inputs
/// of equal rank whose per-example dimensions are equal or 1 (broadcast); anything else is
/// a shape error naming both shapes.
/// </summary>
public abstract class Merge : Layer
{
    private protected Merge(string? name) : base(name)
    {
    }

    /// <summary>The verb used in error messages ("add").</summary>
    private protected abstract string Verb { get; }

    /// <inheritdoc/>
    protected override int? InputCount => null;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var result = inputShapes[0];
        foreach (var shape in inputShapes.Skip(1))
        {
            if (shape.Length != result.Length)
                throw ShapeError($"cannot {Verb} inputs of shapes {ShapeText.Format(result)} and {ShapeText.Format(shape)}: their ranks differ.");
            var merged = new long[shape.Length];
            for (int axis = 0; axis < shape.Length; axis++)
            {
                if (shape[axis] != result[axis] && shape[axis] != 1 && result[axis] != 1)
                    throw ShapeError($"cannot {Verb} inputs of shapes {ShapeText.Format(result)} and {ShapeText.Format(shape)}: axis {axis + 1} has sizes {result[axis]} and {shape[axis]}, which cannot be broadcast.");
                merged[axis] = Math.Max(shape[axis], result[axis]);
            }
            result = merged;
        }
        return [result];
    }

    /// <summary>Combines two values.</summary>
    private protected abstract Value Combine(OnnxGraphBuilder builder, Value a, Value b);

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [inputs.Skip(1).Aggregate(inputs[0], (acc, next) => Combine(builder, acc, next))];
}
