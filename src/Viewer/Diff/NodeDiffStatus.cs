namespace OnnxKit.Viewer.Diff;

/// <summary>How a node fares between two versions of a model.</summary>
public enum NodeDiffStatus
{
    /// <summary>In both, with the same attributes, inputs, outputs and weights.</summary>
    Unchanged,

    /// <summary>In both, but something about it differs.</summary>
    Changed,

    /// <summary>Only in the second model.</summary>
    Added,

    /// <summary>Only in the first model.</summary>
    Removed,
}
