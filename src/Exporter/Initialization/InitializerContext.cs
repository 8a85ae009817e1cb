namespace OnnxKit.Exporter.Initialization;

/// <summary>What an initializer knows about the weight it fills.</summary>
/// <param name="Shape">The weight's shape (ONNX layout).</param>
/// <param name="FanIn">Inputs feeding each output unit.</param>
/// <param name="FanOut">Outputs each input unit feeds.</param>
/// <param name="Seed">The weight's own seed (derived from the export seed and the weight's name).</param>
public readonly record struct InitializerContext(IReadOnlyList<long> Shape, long FanIn, long FanOut, ulong Seed)
{
    /// <summary>The number of elements.</summary>
    public long ElementCount => Shape.Aggregate(1L, (a, b) => a * b);
}
