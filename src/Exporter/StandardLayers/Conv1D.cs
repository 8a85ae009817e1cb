using OnnxKit.Exporter.Initialization;

namespace OnnxKit.Exporter.StandardLayers;

/// <summary>A 1-D convolution over input [channels, length] (Keras's Conv1D, channels first).</summary>
public sealed class Conv1D(int filters, int kernelSize, int strides = 1, Padding padding = Padding.Valid, int dilation = 1, int groups = 1,
    Activation? activation = null, bool useBias = true, Initializer? kernelInitializer = null, Initializer? biasInitializer = null, string? name = null)
    : Conv(filters, [kernelSize], [strides], padding, [dilation], groups, activation, useBias, kernelInitializer, biasInitializer, name);
