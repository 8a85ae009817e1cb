using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The elementwise difference of exactly two inputs.</summary>
public sealed class Subtract(string? name = null) : Merge(name)
{
    /// <inheritdoc/>
    protected override int? InputCount => 2;

    private protected override string Verb => "subtract";

    private protected override Value Combine(OnnxGraphBuilder builder, Value a, Value b) => builder.Sub(a, b);
}
