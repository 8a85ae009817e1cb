namespace OnnxKit.Viewer.Page;

/// <summary>One model of the page: its label, its properties and its main graph.</summary>
internal sealed class PagePane
{
    /// <summary>The label above the pane (the file name).</summary>
    public required string Label { get; init; }

    /// <summary>Model properties (producer, IR version, opsets, metadata) as name/value pairs.</summary>
    public List<string[]> Properties { get; } = [];

    /// <summary>The index of the main graph in <see cref="PageDocument.Graphs"/>.</summary>
    public int Graph { get; init; }
}
