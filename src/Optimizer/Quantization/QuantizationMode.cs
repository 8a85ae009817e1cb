namespace OnnxKit.Optimizer.Quantization;

/// <summary>When activations are quantized.</summary>
public enum QuantizationMode
{
    /// <summary>Ranges of activations are calibrated ahead of time on sample data; weights and activations are integers at run time.</summary>
    Static,

    /// <summary>Weights are quantized ahead of time; each activation's range is measured at run time (DynamicQuantizeLinear) before an integer MatMul or Conv.</summary>
    Dynamic,

    /// <summary>Only weights are stored as integers; DequantizeLinear restores them to float at run time and the computation stays float.</summary>
    WeightOnly,
}
