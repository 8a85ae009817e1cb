namespace OnnxKit.Viewer.Page;

/// <summary>Everything the graph page shows, serialized into it as JSON (the contract with viewer.js).</summary>
internal sealed class PageDocument
{
    /// <summary>The page's title (the model file name, or both names for a diff).</summary>
    public required string Title { get; init; }

    /// <summary>One pane per model: one normally, two (before, after) for a diff.</summary>
    public List<PagePane> Panes { get; } = [];

    /// <summary>Every graph shown, addressed by index: main graphs, subgraphs and the diff's merged graph.</summary>
    public List<PageGraph> Graphs { get; } = [];

    /// <summary>Every weight and constant tensor, addressed by index from nodes' ports and attributes.</summary>
    public List<PageTensor> Tensors { get; } = [];

    /// <summary>The comparison, for a diff page.</summary>
    public PageDiff? Diff { get; set; }

    /// <summary>True when nodes carry measured times (a bench profile was given).</summary>
    public bool HasTimes { get; set; }
}
