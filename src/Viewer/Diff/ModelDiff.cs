namespace OnnxKit.Viewer.Diff;

/// <summary>The node-by-node comparison of two models' main graphs.</summary>
public sealed class ModelDiff
{
    /// <summary>Creates the result from its node changes.</summary>
    public ModelDiff(IReadOnlyList<NodeChange> changes) => Changes = changes;

    /// <summary>Every node of either model, once: matched pairs first in the second model's order, then removed nodes.</summary>
    public IReadOnlyList<NodeChange> Changes { get; }

    /// <summary>How many nodes have <paramref name="status"/>.</summary>
    public int Count(NodeDiffStatus status) => Changes.Count(c => c.Status == status);
}
