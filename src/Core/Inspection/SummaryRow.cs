namespace OnnxKit.Inspection;

/// <summary>One row of a <see cref="ModelSummary"/>: an input, a layer, or (for an ONNX file summarized node by node) a node.</summary>
/// <param name="Name">The layer's, node's or input's name.</param>
/// <param name="Type">The layer class (<c>Dense</c>, <c>InputLayer</c>), or the operator(s) (<c>Gemm</c>, domain-qualified outside ai.onnx), or <c>Input</c>.</param>
/// <param name="OutputShape">
/// The output shape as printed: Keras's <c>(None, 64)</c>, <c>[(None, 784)]</c> for an input layer or
/// <c>multiple</c>; for nodes, each output's shape with its dim names, e.g. <c>(N, 64, 56, 56)</c>;
/// <c>?</c> when unknown.
/// </param>
/// <param name="Parameters">Scalar parameters owned by the row (a weight read by several rows counts at the first).</param>
/// <param name="ConnectedTo">Inbound tensors as <c>layer[call][output]</c>; empty for inputs.</param>
public sealed record SummaryRow(string Name, string Type, string OutputShape, long Parameters, IReadOnlyList<string> ConnectedTo);
