namespace OnnxKit.Optimizer.Distillation;

/// <summary>What <c>onnxkit distill-prep</c> does: turn one teacher, or several merged into one, into a model with <c>logits</c> and <c>soft_targets</c> outputs.</summary>
/// <param name="Teachers">The teacher ONNX files; several are merged into one ensemble model.</param>
/// <param name="Output">The prepared model's file (written atomically).</param>
/// <param name="Temperature">The temperature T of <c>soft_targets</c> = Softmax(logits / T).</param>
/// <param name="Combine">How an ensemble's members are averaged.</param>
/// <param name="MemberWeights">One positive weight per teacher (normalized), or null for equal weights.</param>
/// <param name="Expose">Intermediate tensors to add as outputs (in an ensemble, by their prefixed names, e.g. <c>teacher1/relu</c>).</param>
public sealed record DistillPrepRequest(IReadOnlyList<string> Teachers, string Output, float Temperature = 1f,
    EnsembleCombine Combine = EnsembleCombine.Logits, IReadOnlyList<double>? MemberWeights = null, IReadOnlyList<string>? Expose = null);
