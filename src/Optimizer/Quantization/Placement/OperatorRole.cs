namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>
/// How a quantized operator is surrounded by QuantizeLinear/DequantizeLinear, following the node
/// groups ONNX Runtime's CPU QDQ fusions turn into integer kernels.
/// </summary>
public enum OperatorRole
{
    /// <summary>Conv, MatMul, Gemm: activations and weights dequantized in, an int32 bias, the output quantized (QLinearConv, QLinearMatMul or MatMulIntegerToFloat, QGemm).</summary>
    Compute,

    /// <summary>Add, Mul: both inputs dequantized in, the output quantized (QLinearAdd, QLinearMul).</summary>
    Binary,

    /// <summary>AveragePool, GlobalAveragePool, Sigmoid, LeakyRelu, Softmax: one input, the output with its own range (QLinear* kernels).</summary>
    Unary,

    /// <summary>Concat: every input dequantized in, the output with its own range (QLinearConcat).</summary>
    Variadic,

    /// <summary>Where: the two value inputs dequantized in, the output quantized (QLinearWhere).</summary>
    Select,

    /// <summary>
    /// MaxPool, Resize and data movement (Reshape, Flatten, Transpose, Squeeze, Unsqueeze, Gather, Slice,
    /// Expand, Tile, Split): the output reuses the input's scale and zero point, so ONNX Runtime drops the
    /// DequantizeLinear/QuantizeLinear pair and runs the operator on the integers.
    /// </summary>
    Passthrough,
}
