namespace OnnxKit.Viewer.Text;

/// <summary>One row of a <see cref="ModelSummary"/>: a graph input or a node of the main graph.</summary>
/// <param name="Name">The node's (or input's) name; the first output's name for an unnamed node.</param>
/// <param name="Type">The operator (domain-qualified outside ai.onnx), or <c>Input</c>.</param>
/// <param name="OutputShapes">Each output's shape in Keras's style, e.g. <c>(N, 64, 56, 56)</c>; <c>?</c> when unknown.</param>
/// <param name="Parameters">Elements of the weights this row reads first (each weight is counted once, at its first reader).</param>
public sealed record SummaryRow(string Name, string Type, IReadOnlyList<string> OutputShapes, long Parameters);
