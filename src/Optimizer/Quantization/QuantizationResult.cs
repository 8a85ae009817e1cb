using OnnxKit.Ir;
using OnnxKit.Optimizer.Quantization.Reporting;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>The quantized model and the report; <see cref="Succeeded"/> is false when verification found it beyond the budget.</summary>
/// <param name="Model">The quantized model.</param>
/// <param name="Report">What was done and measured.</param>
public sealed record QuantizationResult(Model Model, QuantizationReport Report)
{
    /// <summary>True unless verification ran and the budget is not met.</summary>
    public bool Succeeded => Report.Verification is not { Passed: false };
}
