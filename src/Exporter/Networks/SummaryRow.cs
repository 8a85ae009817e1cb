namespace OnnxKit.Exporter.Networks;

/// <summary>One row of a Keras-style summary.</summary>
/// <param name="Name">The layer (or node) name.</param>
/// <param name="Type">The layer class (or operator).</param>
/// <param name="OutputShape">Keras's formatting: <c>(None, 64)</c>, <c>[(None, 784)]</c>, <c>multiple</c>.</param>
/// <param name="Parameters">Scalar parameters owned by the layer.</param>
/// <param name="ConnectedTo">Inbound tensors as <c>layer[call][output]</c>.</param>
public sealed record SummaryRow(string Name, string Type, string OutputShape, long Parameters, IReadOnlyList<string> ConnectedTo);
