using OnnxKit.Optimizer.Quantization.Reporting;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>The report of a file quantization: paths, sizes on disk (with external data), whether the output was written, and the quantization report.</summary>
/// <param name="InputPath">The float model.</param>
/// <param name="OutputPath">The quantized model's path.</param>
/// <param name="InputFileBytes">The float model's size with its external data.</param>
/// <param name="OutputFileBytes">The quantized model's size with its external data (0 when not written).</param>
/// <param name="Written">False when the quantized model was refused (beyond the budget) and nothing was written.</param>
/// <param name="Optimization">The passes run first, for <c>optimize --int8</c>.</param>
/// <param name="Quantization">What quantization did.</param>
/// <param name="Notes">Notes of the optimizer's verification (generated inputs).</param>
public sealed record FileQuantizationReport(string InputPath, string OutputPath, long InputFileBytes, long OutputFileBytes, bool Written,
    OptimizationReport? Optimization, QuantizationReport Quantization, IReadOnlyList<string> Notes)
{
    /// <summary>True when the model was written: it met the budget (or no budget was set).</summary>
    public bool Succeeded => Written;
}
