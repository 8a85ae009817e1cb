namespace OnnxKit.ShapeInference;

/// <summary>
/// A node whose operator has no shape rule: its outputs got at most an element type (from the
/// operator's schema), never a shape.
/// </summary>
/// <param name="NodePath">Where the node is (see <see cref="ShapeInferenceDiagnostic.NodePath"/>).</param>
/// <param name="Domain">The operator's domain; empty for ai.onnx.</param>
/// <param name="OpType">The operator.</param>
public sealed record UncoveredNode(string NodePath, string Domain, string OpType);
