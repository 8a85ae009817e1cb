using OnnxKit.Ir;

namespace OnnxKit.Serialization;

/// <summary>A model serialized without its large initializers' data, from <see cref="OnnxFile.ToBytesWithoutWeights"/>.</summary>
/// <param name="Bytes">The serialized model; each supplied initializer is a placeholder in it.</param>
/// <param name="Supplied">The main-graph initializers left out, whose values the runtime must be given by name.</param>
public sealed record ModelWithoutWeights(byte[] Bytes, IReadOnlyList<Value> Supplied);
