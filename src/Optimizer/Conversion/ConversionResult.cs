using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>The converted model and what was done to reach it.</summary>
/// <param name="Model">The converted model (a new instance; the input is left alone).</param>
/// <param name="SourceOpset">The ai.onnx opset the input imported.</param>
/// <param name="TargetOpset">The ai.onnx opset the result imports.</param>
/// <param name="SourceIrVersion">The input's IR version.</param>
/// <param name="IrVersion">The result's IR version.</param>
/// <param name="Steps">Every adapter applied that changed a node, in order (version bumps that change nothing are not listed).</param>
/// <param name="Notes">Things the user should know: custom-domain nodes left as they are, approximations accepted.</param>
/// <param name="Fused">The spelled-out operators replaced by native ones going up (<see cref="NativeOpFusion"/>).</param>
public sealed record ConversionResult(Model Model, long SourceOpset, long TargetOpset, long SourceIrVersion, long IrVersion,
    IReadOnlyList<ConversionStep> Steps, IReadOnlyList<string> Notes, IReadOnlyList<FusedOp> Fused);
