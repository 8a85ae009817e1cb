namespace OnnxKit.Exporter.Export;

/// <summary>What a weight load assigned.</summary>
/// <param name="Loaded">The full names of the weights that received values.</param>
/// <param name="NotLoaded">The full names of the model's weights that the file did not contain (they keep their initializers).</param>
public sealed record WeightLoadResult(IReadOnlyList<string> Loaded, IReadOnlyList<string> NotLoaded);
