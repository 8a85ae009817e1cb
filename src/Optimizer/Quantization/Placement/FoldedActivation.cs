namespace OnnxKit.Optimizer.Quantization.Placement;

/// <summary>A ReLU or Clip removed because the range of the quantized value before it clips the same way.</summary>
/// <param name="Node">The removed node's name (or first output).</param>
/// <param name="OpType">Relu or Clip.</param>
/// <param name="Into">The node whose output range now does the clipping.</param>
public sealed record FoldedActivation(string Node, string OpType, string Into);
