namespace OnnxKit.Optimizer.Conversion;

/// <summary>One adapter applied to one node: the node crossed the opset where its operator changed.</summary>
/// <param name="Node">The node's name, or its first output's name, quoted.</param>
/// <param name="OpType">The operator before the step.</param>
/// <param name="FromOpset">The opset the node was written for before the step.</param>
/// <param name="ToOpset">The opset it is written for after it.</param>
/// <param name="Change">What the adapter did, in a few words ("axes attribute → input").</param>
public sealed record ConversionStep(string Node, string OpType, long FromOpset, long ToOpset, string Change);
