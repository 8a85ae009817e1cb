using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>Permutes the per-example axes; <c>dims</c> are 1-based and exclude the batch, as in Keras (<c>Permute((2, 1))</c>).</summary>
public sealed class Permute : Layer
{
    private readonly int[] dims;

    /// <summary>Creates the layer.</summary>
    public Permute(int[] dims, string? name = null) : base(name)
    {
        if (!dims.Order().SequenceEqual(Enumerable.Range(1, dims.Length)))
            throw new ArgumentException($"Permute dims {ShapeText.FormatDims(dims.Select(d => (long)d))} must be a permutation of 1..{dims.Length}.", nameof(dims));
        this.dims = (int[])dims.Clone();
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<long[]> InferOutputShapes(IReadOnlyList<long[]> inputShapes)
    {
        var shape = inputShapes[0];
        if (shape.Length != dims.Length)
            throw ShapeError($"permutes {dims.Length} axes but was called on shape {ShapeText.Format(shape)}.");
        return [dims.Select(d => shape[d - 1]).ToArray()];
    }

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Transpose(inputs[0], [0, .. dims.Select(d => (long)d)])];
}
