namespace OnnxKit.Optimizer.Quantization;

/// <summary>How a statically quantized model expresses its integer computation.</summary>
public enum QuantizationFormat
{
    /// <summary>Float operators between DequantizeLinear and QuantizeLinear nodes, which runtimes fuse into integer kernels (the portable form).</summary>
    Qdq,

    /// <summary>Integer operators: QLinearConv, QLinearMatMul, MatMulInteger, and integer data movement, with QuantizeLinear/DequantizeLinear only at float boundaries.</summary>
    QOperator,
}
