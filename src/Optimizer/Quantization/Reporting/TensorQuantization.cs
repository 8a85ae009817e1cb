using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization.Reporting;

/// <summary>
/// How one tensor was quantized, for the report and the accuracy debugger: its range, parameters,
/// and how much signal survived (SQNR in dB: weights offline; activations against the float model).
/// </summary>
public sealed record TensorQuantization
{
    /// <summary>The tensor's name in the float model.</summary>
    public required string Name { get; init; }

    /// <summary>Activation, weight, bias or other constant.</summary>
    public required TensorRole Role { get; init; }

    /// <summary>The node that reads it (for activations: the node that produces it, or the first reader of a graph input).</summary>
    public required string Node { get; init; }

    /// <summary>The operator of <see cref="Node"/>.</summary>
    public required string OpType { get; init; }

    /// <summary>The quantized element type.</summary>
    public required DataType Type { get; init; }

    /// <summary>Per tensor, per axis, or blocked.</summary>
    public required string Granularity { get; init; }

    /// <summary>The lower end of the range quantized (calibrated for activations, the smallest value for constants).</summary>
    public required double Min { get; init; }

    /// <summary>The upper end of the range quantized.</summary>
    public required double Max { get; init; }

    /// <summary>The smallest scale.</summary>
    public required double ScaleMin { get; init; }

    /// <summary>The largest scale (equal to <see cref="ScaleMin"/> per tensor).</summary>
    public required double ScaleMax { get; init; }

    /// <summary>The zero point (the first one, for several).</summary>
    public required long ZeroPoint { get; init; }

    /// <summary>Weights, biases and constants: SQNR of the dequantized values against the float ones.</summary>
    public double? WeightSqnr { get; init; }

    /// <summary>Activations: SQNR of the quantized model's value against the float model's, on the evaluation samples (errors of earlier layers included).</summary>
    public double? ActivationSqnr { get; init; }

    /// <summary>Activations: SQNR of quantizing the float model's value alone with this tensor's parameters (this range's own rounding and clipping).</summary>
    public double? LocalSqnr { get; init; }

    /// <summary>The distribution of the float values (weights: all of them; activations: on the evaluation samples).</summary>
    public HistogramSummary? Histogram { get; init; }

    /// <summary>Activations: the value in the quantized model that carries the dequantized tensor (for comparison runs).</summary>
    public string? DequantizedName { get; init; }
}
