namespace OnnxKit.Optimizer.Conversion;

/// <summary>Subgraphs a conversion up replaced by an operator that exists at the target opset.</summary>
/// <param name="OpType">The native operator ("Gelu", "LayerNormalization").</param>
/// <param name="Pass">The optimizer pass that matched the subgraphs (<c>fuse-gelu</c>).</param>
/// <param name="Count">How many subgraphs became one node of <paramref name="OpType"/> each.</param>
public sealed record FusedOp(string OpType, string Pass, int Count);
