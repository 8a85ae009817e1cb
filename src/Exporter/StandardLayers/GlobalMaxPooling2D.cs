using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>The maximum of each feature map (Keras's GlobalMaxPooling2D).</summary>
public sealed class GlobalMaxPooling2D(bool keepDims = false, string? name = null) : GlobalPooling2D(keepDims, name)
{
    private protected override Value Pool(OnnxGraphBuilder builder, Value x) => builder.GlobalMaxPool(x);
}
