using OnnxKit.Ir;

namespace OnnxKit.Exporter;

/// <summary>
/// A placeholder for a tensor flowing through a model that is being defined: its shape
/// and element type, and the layer call that produces it. Layers are called on symbolic
/// tensors to build the model graph; no data flows until the model is exported and run.
/// </summary>
/// <remarks>
/// <see cref="Shape"/> excludes the batch dimension, as Keras's <c>input_shape</c> does: a
/// batch of 28×28 images has shape <c>[1, 28, 28]</c> here and <c>(None, 1, 28, 28)</c> in
/// summaries. Every per-example dimension is known.
/// </remarks>
public sealed class SymbolicTensor
{
    private readonly long[] shape;

    internal SymbolicTensor(LayerCall producer, int outputIndex, long[] shape, DataType dataType)
    {
        Producer = producer;
        OutputIndex = outputIndex;
        this.shape = shape;
        DataType = dataType;
    }

    /// <summary>The per-example dimensions (the batch dimension is not included).</summary>
    public IReadOnlyList<long> Shape => shape;

    /// <summary>The rank including the batch dimension.</summary>
    public int Rank => shape.Length + 1;

    /// <summary>The element type.</summary>
    public DataType DataType { get; }

    /// <summary>The layer call that produces this tensor.</summary>
    public LayerCall Producer { get; }

    /// <summary>Which output of <see cref="Producer"/> this tensor is.</summary>
    public int OutputIndex { get; }

    /// <summary>The producing layer.</summary>
    public Layer Layer => Producer.Layer;

    /// <summary>A name for messages: the layer name, the call number when the layer was called more than once, and the output index.</summary>
    public string Name => Producer.CallIndex == 0 ? $"{Layer.Name}:{OutputIndex}" : $"{Layer.Name}_call{Producer.CallIndex}:{OutputIndex}";

    internal long[] ShapeArray => shape;

    /// <summary>Formats as Keras does: <c>input_1:0 shape=(None, 13) dtype=float32</c>.</summary>
    public override string ToString() => $"{Name} shape={ShapeText.Format(shape)} dtype={DataType.OnnxName()}";
}
