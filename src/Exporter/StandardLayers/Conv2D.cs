using OnnxKit.Exporter.Initialization;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>A 2-D convolution over input [channels, height, width] (Keras's Conv2D, channels first).</summary>
public sealed class Conv2D(int filters, Size2 kernelSize, Size2? strides = null, Padding padding = Padding.Valid, Size2? dilation = null, int groups = 1,
    Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null)
    : Conv(filters, kernelSize.ToArray(), (strides ?? 1).ToArray(), padding, (dilation ?? 1).ToArray(), groups, activation, useBias, kernelInitializer, biasInitializer, name);
