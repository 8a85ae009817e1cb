namespace OnnxKit.Optimizer.Distillation;

/// <summary>What <c>onnxkit distill-prep</c> wrote.</summary>
/// <param name="Teachers">The teacher files read.</param>
/// <param name="Output">The full path of the prepared model.</param>
/// <param name="Classes">The number of classes.</param>
/// <param name="Temperature">The temperature of <c>soft_targets</c>.</param>
/// <param name="Combine">How the members were averaged (<c>null</c> for a single teacher).</param>
/// <param name="Weights">The normalized member weights (<c>null</c> for a single teacher).</param>
/// <param name="Outputs">The prepared model's outputs, in order.</param>
/// <param name="Opset">Its default-domain opset.</param>
/// <param name="IrVersion">Its IR version.</param>
public sealed record DistillPrepReport(IReadOnlyList<string> Teachers, string Output, long Classes, float Temperature, string? Combine,
    IReadOnlyList<double>? Weights, IReadOnlyList<string> Outputs, long Opset, long IrVersion);
