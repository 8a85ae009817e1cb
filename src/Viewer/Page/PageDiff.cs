namespace OnnxKit.Viewer.Page;

/// <summary>The outcome of comparing two models, as counts and the merged (overlay) graph.</summary>
internal sealed class PageDiff
{
    /// <summary>Nodes only in the second model.</summary>
    public int Added { get; init; }

    /// <summary>Nodes only in the first model.</summary>
    public int Removed { get; init; }

    /// <summary>Nodes in both whose attributes, inputs or weights differ.</summary>
    public int Changed { get; init; }

    /// <summary>Nodes in both, the same.</summary>
    public int Unchanged { get; init; }

    /// <summary>The index of the merged graph (both models overlaid) in <see cref="PageDocument.Graphs"/>.</summary>
    public int OverlayGraph { get; init; }
}
