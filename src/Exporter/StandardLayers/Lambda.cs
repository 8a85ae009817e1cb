using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// The escape hatch for custom sub-graphs (Keras's Lambda): a function that emits nodes
/// through the opset-aware <see cref="OnnxGraphBuilder"/>. The output shape is the first
/// input's unless an output-shape function is given. A Lambda has no weights; constants it
/// needs are created with the builder.
/// </summary>
public sealed class Lambda(Func<OnnxGraphBuilder, IReadOnlyList<Value>, Value> body, int inputCount = 1,
    Func<IReadOnlyList<long[]>, long[]>? outputShape = null, string? name = null) : Layer(name)
{
    private readonly Func<OnnxGraphBuilder, IReadOnlyList<Value>, Value> body = body ?? throw new ArgumentNullException(nameof(body));

    /// <inheritdoc/>
    protected override int? InputCount { get; } = inputCount > 0 ? inputCount : throw new ArgumentOutOfRangeException(nameof(inputCount));

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = outputShape is null ? inputShapes[0] : outputShape(inputShapes);
        if (shape is null || shape.Any(d => d <= 0)) throw ShapeError($"its output-shape function returned an invalid shape for inputs {ShapeText.FormatList(inputShapes)}.");
        return [shape];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [body(builder, inputs)];
}
