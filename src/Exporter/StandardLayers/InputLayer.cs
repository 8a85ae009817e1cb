using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>
/// A model input (Keras's <c>InputLayer</c>): it produces one symbolic tensor of the given
/// per-example shape and element type, and becomes a graph input on export.
/// </summary>
public sealed class InputLayer : Layer
{
    private readonly long[] shape;
    private readonly DataType dataType;

    /// <summary>Creates the input and its symbolic tensor (<see cref="Layer.Output"/>).</summary>
    public InputLayer(long[] shape, DataType dataType = DataType.Float, string? name = null) : base(name)
    {
        if (shape.Any(d => d <= 0)) throw new ArgumentException($"Input shape {ShapeText.Format(shape)} must have positive dimensions (the batch dimension is implicit).", nameof(shape));
        this.shape = (long[])shape.Clone();
        this.dataType = dataType;
        CallMany();
    }

    /// <inheritdoc/>
    protected override string NamePrefix => "input";

    /// <inheritdoc/>
    protected override bool NumberFromOne => true;

    /// <inheritdoc/>
    protected override int? InputCount => 0;

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes) => [shape];

    /// <inheritdoc/>
    protected override IReadOnlyList<DataType> InferOutputTypes(IReadOnlyList<DataType> inputTypes) => [dataType];

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        throw new InvalidOperationException($"Input layer '{Name}' is a graph input; it is not lowered.");
}
