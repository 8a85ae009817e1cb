using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The elementwise sum of two or more inputs (residual shortcuts).</summary>
public sealed class Add(string? name = null) : Merge(name)
{
    private protected override string Verb => "add";

    private protected override Value Combine(OnnxGraphBuilder builder, Value a, Value b) => builder.Add(a, b);
}
