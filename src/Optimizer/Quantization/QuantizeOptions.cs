using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Calibration;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>
/// What <see cref="ModelQuantizer"/> does. The defaults run fastest on x86 CPUs with ONNX Runtime:
/// static QDQ, asymmetric uint8 activations, symmetric int8 weights per output channel, no reduced range.
/// </summary>
public sealed record QuantizeOptions
{
    /// <summary>Static (calibrated), dynamic or weight-only.</summary>
    public QuantizationMode Mode { get; init; } = QuantizationMode.Static;

    /// <summary>QDQ or QOperator (static mode).</summary>
    public QuantizationFormat Format { get; init; } = QuantizationFormat.Qdq;

    /// <summary>The type activations are quantized to: uint8, int8, uint16 or int16.</summary>
    public DataType ActivationType { get; init; } = DataType.UInt8;

    /// <summary>The type weights are stored in: int8, uint8, int4 or uint4.</summary>
    public DataType WeightType { get; init; } = DataType.Int8;

    /// <summary>One scale per output channel of each weight (from opset 13 in QDQ form); otherwise one per tensor.</summary>
    public bool PerChannel { get; init; } = true;

    /// <summary>Activation ranges centred on zero (zero point 0 for signed types), as TensorRT wants.</summary>
    public bool SymmetricActivations { get; init; }

    /// <summary>Weight ranges centred on zero (zero point 0 for signed types).</summary>
    public bool SymmetricWeights { get; init; } = true;

    /// <summary>Quantize weights to 7 bits, for CPUs without VNNI whose u8·s8 multiply-adds can saturate.</summary>
    public bool ReduceRange { get; init; }

    /// <summary>Weight-only mode: elements per block along the reduction axis (0: per channel); 4-bit weights default to 128.</summary>
    public int BlockSize { get; init; }

    /// <summary>How calibration chooses activation ranges (static mode).</summary>
    public CalibrationMethod Calibration { get; init; } = CalibrationMethod.MinMax;

    /// <summary>Quantize only these operator types; null for every supported type.</summary>
    public IReadOnlySet<string>? OpTypes { get; init; }

    /// <summary>Operator types left in float.</summary>
    public IReadOnlySet<string> ExcludeOpTypes { get; init; } = new HashSet<string>();

    /// <summary>Node names (or, for unnamed nodes, first output names) left in float.</summary>
    public IReadOnlySet<string> NodesToExclude { get; init; } = new HashSet<string>();

    /// <summary>How far the quantized model may drift on the evaluation samples; null measures without a limit. When beyond it, layers go back to float, worst first.</summary>
    public QuantizationBudget? Budget { get; init; }

    /// <summary>Compare the quantized model with the float one on the evaluation samples (false skips it: nothing is measured or refused).</summary>
    public bool Verify { get; init; } = true;

    /// <summary>Measure every quantized activation's SQNR against the float model on the evaluation samples (the accuracy debugger).</summary>
    public bool MeasureActivations { get; init; }

    /// <summary>Accept a model that is already quantized: its Q/DQ pairs and dequantized weights are turned back into float first.</summary>
    public bool Requantize { get; init; }
}
