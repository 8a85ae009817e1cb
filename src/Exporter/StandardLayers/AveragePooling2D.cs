using OnnxKit.Exporter.Lowering;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>2-D average pooling (Keras's AveragePooling2D); padded positions are not averaged in.</summary>
public sealed class AveragePooling2D(Size2? poolSize = null, Size2? strides = null, Padding padding = Padding.Valid, string? name = null)
    : Pooling2D(poolSize ?? 2, strides, padding, name)
{
    /// <inheritdoc/>
    protected internal override IReadOnlyList<Value> Lower(OnnxGraphBuilder builder, LayerCall call, IReadOnlyList<Value> inputs) =>
        [builder.AveragePool(inputs[0], Window.Kernel.ToArray(), Window.Strides.ToArray(), Window.Pads(call.Inputs[0].Shape))];
}
