using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// The shared shape logic of global 2-D pooling: [C, H, W] becomes [C], or [C, 1, 1] with
/// <c>keepDims</c>. Exports as the global pooling operator followed by Squeeze.
/// </summary>
public abstract class GlobalPooling2D : Layer
{
    private protected GlobalPooling2D(bool keepDims, string? name) : base(name) => KeepDims = keepDims;

    /// <summary>Whether the pooled spatial axes are kept as size 1.</summary>
    public bool KeepDims { get; }

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != 3)
            throw ShapeError($"expects channels-first image input (None, channels, height, width) but was called on shape {ShapeText.Format(shape)}.");
        return [KeepDims ? [shape[0], 1, 1] : [shape[0]]];
    }

    /// <summary>Emits the pooling operator (keeping the spatial axes).</summary>
    private protected abstract Value Pool(OnnxGraphBuilder builder, Value x);

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs)
    {
        var pooled = Pool(builder, inputs[0]);
        return [KeepDims ? pooled : builder.Squeeze(pooled, 2, 3)];
    }
}
