namespace OnnxKit.Inspection;

/// <summary>How <see cref="ModelSummarizer"/> turns an ONNX graph into rows.</summary>
public enum SummaryGrouping
{
    /// <summary>
    /// One row per graph input and per node of the main graph (subgraph weights counted on the
    /// node that holds the subgraph). Shapes keep their dim names; every initializer is a parameter.
    /// </summary>
    Nodes,

    /// <summary>
    /// Keras's view: nodes grouped into layers by name scope (everything before the last
    /// <c>/</c>), input rows as <c>InputLayer</c>, symbolic dims as <c>None</c>, and 32- and 64-bit
    /// integer initializers (shapes, indices) not counted as parameters. For models exported by
    /// OnnxKit this reproduces the DSL model's own summary.
    /// </summary>
    Layers,
}
