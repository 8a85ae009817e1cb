namespace OnnxKit.Viewer.Graphs;

/// <summary>The families nodes are coloured by in the graph page.</summary>
public enum OpCategory
{
    /// <summary>Anything not listed below.</summary>
    Other,

    /// <summary>Convolutions and their transposes.</summary>
    Convolution,

    /// <summary>Matrix products and fully connected layers.</summary>
    Linear,

    /// <summary>Non-linear activations and softmax.</summary>
    Activation,

    /// <summary>Pooling and resizing.</summary>
    Pooling,

    /// <summary>Batch, layer, instance and group normalization, dropout.</summary>
    Normalization,

    /// <summary>Element-wise arithmetic and math functions.</summary>
    Arithmetic,

    /// <summary>Reductions over axes.</summary>
    Reduction,

    /// <summary>Ops that move or reshape data without arithmetic.</summary>
    DataMovement,

    /// <summary>Comparisons, boolean logic and selection.</summary>
    Logic,

    /// <summary>If, Loop, Scan and sequence handling.</summary>
    ControlFlow,

    /// <summary>Quantization, dequantization and integer kernels.</summary>
    Quantization,

    /// <summary>Recurrent layers and attention.</summary>
    Sequence,

    /// <summary>Constants and constant generators.</summary>
    Constant,

    /// <summary>An op from a domain other than ai.onnx (a vendor or custom op).</summary>
    Custom,
}
