namespace OnnxKit.Viewer.Page;

/// <summary>A graph to lay out: its nodes (including input and output markers) and the edges between them.</summary>
internal sealed class PageGraph
{
    /// <summary>The graph's index in <see cref="PageDocument.Graphs"/>.</summary>
    public int Id { get; init; }

    /// <summary>The graph's name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The nodes, in graph order.</summary>
    public List<PageNode> Nodes { get; } = [];

    /// <summary>The edges: one per (producer, consumer, value).</summary>
    public List<PageEdge> Edges { get; } = [];
}
