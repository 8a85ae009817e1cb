using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The elementwise mean of two or more inputs (ensembles): their sum times 1/n.</summary>
public sealed class Average(string? name = null) : Merge(name)
{
    private protected override string Verb => "average";

    private protected override Value Combine(OnnxGraphBuilder builder, Value a, Value b) => builder.Add(a, b);

    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.Mul(base.Lower(builder, call, inputs)[0], builder.Scalar(1f / inputs.Count))];
}
