using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Enlarges a channels-first image by integer factors (Keras's UpSampling2D).</summary>
public sealed class UpSampling2D(Size2? size = null, Interpolation interpolation = Interpolation.Nearest, string? name = null) : Layer(name)
{
    /// <summary>The (rows, columns) factors.</summary>
    public Size2 Size { get; } = size is { Height: > 0, Width: > 0 } s ? s : size is null ? 2 : throw new ArgumentOutOfRangeException(nameof(size));

    /// <summary>The interpolation.</summary>
    public Interpolation Interpolation { get; } = interpolation;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != 3)
            throw ShapeError($"expects channels-first image input (None, channels, height, width) but was called on shape {ShapeText.Format(shape)}.");
        return [[shape[0], shape[1] * Size.Height, shape[2] * Size.Width]];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Upsample(inputs[0], Size.Height, Size.Width, Interpolation == Interpolation.Bilinear)];
}
