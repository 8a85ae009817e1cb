using OnnxKit.Optimizer.Verification;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>What <see cref="ModelFileConverter.Convert"/> did.</summary>
/// <param name="Input">The input model's full path.</param>
/// <param name="Output">The written model's full path.</param>
/// <param name="SourceOpset">The ai.onnx opset the input imported.</param>
/// <param name="TargetOpset">The ai.onnx opset the output imports.</param>
/// <param name="SourceIrVersion">The input's IR version.</param>
/// <param name="IrVersion">The output's IR version.</param>
/// <param name="Steps">The adapters applied, node by node.</param>
/// <param name="Notes">Custom-domain nodes kept, approximations accepted, verification inputs made up.</param>
/// <param name="Fused">The spelled-out operators replaced by native ones going up.</param>
/// <param name="Verification">The comparison of the outputs with the original's; null when not asked for.</param>
public sealed record FileConversionReport(string Input, string Output, long SourceOpset, long TargetOpset, long SourceIrVersion, long IrVersion,
    IReadOnlyList<ConversionStep> Steps, IReadOnlyList<string> Notes, IReadOnlyList<FusedOp> Fused, VerificationResult? Verification);
