using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The elementwise product of two or more inputs.</summary>
public sealed class Multiply(string? name = null) : Merge(name)
{
    private protected override string Verb => "multiply";

    private protected override Value Combine(OnnxGraphBuilder builder, Value a, Value b) => builder.Mul(a, b);
}
