using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The mean of each feature map (Keras's GlobalAveragePooling2D).</summary>
public sealed class GlobalAveragePooling2D(bool keepDims = false, string? name = null) : GlobalPooling2D(keepDims, name)
{
    private protected override Value Pool(OnnxGraphBuilder builder, Value x) => builder.GlobalAveragePool(x);
}
