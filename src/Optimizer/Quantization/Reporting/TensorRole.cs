namespace OnnxKit.Optimizer.Quantization.Reporting;

/// <summary>What a quantized tensor is to the model.</summary>
public enum TensorRole
{
    /// <summary>A value computed at run time, quantized with a calibrated (or run-time) range.</summary>
    Activation,

    /// <summary>The weights of a Conv, MatMul or Gemm, quantized ahead of time.</summary>
    Weight,

    /// <summary>A bias quantized to int32 with the input scale times the weight scale.</summary>
    Bias,

    /// <summary>Another constant input of a quantized node (an Add's or Concat's), quantized like an activation.</summary>
    Constant,
}
