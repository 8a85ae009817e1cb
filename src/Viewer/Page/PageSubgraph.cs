namespace OnnxKit.Viewer.Page;

/// <summary>A subgraph held by a node attribute (If's branches, Loop's and Scan's body).</summary>
internal sealed class PageSubgraph
{
    /// <summary>The attribute holding it.</summary>
    public required string Attribute { get; init; }

    /// <summary>Its index in <see cref="PageDocument.Graphs"/>.</summary>
    public int Graph { get; init; }
}
