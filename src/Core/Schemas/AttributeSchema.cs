using OnnxKit.Ir;

namespace OnnxKit.Schemas;

/// <summary>One attribute an operator schema declares.</summary>
/// <param name="Name">The attribute's name.</param>
/// <param name="Type">The value type the attribute must have.</param>
/// <param name="Required">Whether every node of this operator must set the attribute.</param>
/// <param name="DefaultValue">
/// The value used when the attribute is absent, as ONNX's documentation writes it (e.g. <c>1.0</c>,
/// <c>nearest</c>, <c>['Tanh', 'Tanh']</c>); <see langword="null"/> when the schema gives none.
/// </param>
public sealed record AttributeSchema(string Name, AttributeType Type, bool Required, string? DefaultValue);
