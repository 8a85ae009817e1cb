namespace OnnxKit.ShapeInference;

/// <summary>Infers the output types of one node from its <see cref="NodeContext"/>.</summary>
internal delegate void ShapeRule(NodeContext context);
