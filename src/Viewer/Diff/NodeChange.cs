using OnnxKit.Ir;

namespace OnnxKit.Viewer.Diff;

/// <summary>One node's fate: the node in each model (null where it is absent) and what differs.</summary>
/// <param name="Status">Added, removed, changed or unchanged.</param>
/// <param name="Before">The node in the first model, or null when added.</param>
/// <param name="After">The node in the second model, or null when removed.</param>
/// <param name="Details">For a changed node, one line per difference.</param>
public sealed record NodeChange(NodeDiffStatus Status, Node? Before, Node? After, IReadOnlyList<string> Details);
