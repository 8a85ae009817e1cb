namespace OnnxKit.Viewer.Page;

/// <summary>What a box in the graph stands for.</summary>
internal enum PageNodeKind
{
    /// <summary>An operator node.</summary>
    Op,

    /// <summary>A graph input.</summary>
    Input,

    /// <summary>A graph output.</summary>
    Output,
}
