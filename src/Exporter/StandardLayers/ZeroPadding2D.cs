using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Pads the height and width of a channels-first image with zeros (Keras's ZeroPadding2D).</summary>
public sealed class ZeroPadding2D : Layer
{
    private readonly long top, bottom, left, right;

    /// <summary>Pads each side by the given amounts.</summary>
    public ZeroPadding2D(int top, int bottom, int left, int right, string? name = null) : base(name)
    {
        if (top < 0 || bottom < 0 || left < 0 || right < 0) throw new ArgumentOutOfRangeException(nameof(top), "Padding cannot be negative.");
        (this.top, this.bottom, this.left, this.right) = (top, bottom, left, right);
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != 3)
            throw ShapeError($"expects channels-first image input (None, channels, height, width) but was called on shape {ShapeText.Format(shape)}.");
        return [[shape[0], shape[1] + top + bottom, shape[2] + left + right]];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Pad(inputs[0], [0, 0, top, left, 0, 0, bottom, right])];
}
