using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Quantization.Placement;
using OnnxKit.Optimizer.Quantization.Verification;

namespace OnnxKit.Optimizer.Quantization.Reporting;

/// <summary>
/// What a quantization did: the settings, sizes before and after, the quantized nodes per operator,
/// every quantized tensor with its range, parameters and SQNR, the nodes left in float and why, the
/// folded activations, the verification against the float model and the accuracy-budget steps.
/// </summary>
public sealed record QuantizationReport
{
    /// <summary>The settings used.</summary>
    public required QuantizeOptions Options { get; init; }

    /// <summary>The float model's figures.</summary>
    public required ModelStats Before { get; init; }

    /// <summary>The quantized model's figures.</summary>
    public required ModelStats After { get; init; }

    /// <summary>Quantized nodes per operator type.</summary>
    public required IReadOnlyDictionary<string, int> QuantizedNodes { get; init; }

    /// <summary>Every quantized tensor.</summary>
    public required IReadOnlyList<TensorQuantization> Tensors { get; init; }

    /// <summary>Quantizable nodes left in float, and why.</summary>
    public IReadOnlyList<KeptNode> Kept { get; init; } = [];

    /// <summary>ReLUs and Clips folded into the range before them.</summary>
    public IReadOnlyList<FoldedActivation> Folded { get; init; } = [];

    /// <summary>What calibration ran on.</summary>
    public string? Calibration { get; init; }

    /// <summary>Calibration samples observed.</summary>
    public long CalibrationSamples { get; init; }

    /// <summary>The quantized model against the float one, when evaluation samples were available.</summary>
    public QuantizationVerification? Verification { get; init; }

    /// <summary>When the accuracy budget search ran: the fully quantized model's verification, before any layer went back to float.</summary>
    public QuantizationVerification? BudgetStart { get; init; }

    /// <summary>Layers put back to float by the accuracy budget, in order.</summary>
    public IReadOnlyList<BudgetStep> Budget { get; init; } = [];

    /// <summary>Things the user must know (random calibration, unmet budget, operators ONNX Runtime cannot fuse).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Remarks that do not need action.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Activations and weights ranked worst first by SQNR (end-to-end for activations when measured).</summary>
    public IEnumerable<TensorQuantization> Ranked() =>
        Tensors.Where(t => Score(t) is not null).OrderBy(t => Score(t)).ThenBy(t => t.Name, StringComparer.Ordinal);

    /// <summary>The figure a tensor is ranked by.</summary>
    public static double? Score(TensorQuantization t) => t.Role == TensorRole.Activation ? t.ActivationSqnr ?? t.LocalSqnr : t.WeightSqnr;
}
