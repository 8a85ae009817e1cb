namespace OnnxKit.Viewer.Page;

/// <summary>A value flowing from the node that produces it to one that reads it.</summary>
internal sealed class PageEdge
{
    /// <summary>The producing node's id (an input marker for graph inputs).</summary>
    public required string From { get; init; }

    /// <summary>The consuming node's id.</summary>
    public required string To { get; init; }

    /// <summary>The value's name.</summary>
    public required string Value { get; init; }

    /// <summary>The value's element type and shape, e.g. <c>float[1,64,56,56]</c>; empty when unknown.</summary>
    public string Label { get; init; } = "";

    /// <summary>True when the producer lives in an enclosing graph (a subgraph reading an outer value).</summary>
    public bool? Outer { get; init; }
}
