using OnnxKit.Viewer.Diff;

namespace OnnxKit.Viewer.Page;

/// <summary>
/// Marks both panes of a diff page with each node's status and counterpart, and builds the merged
/// graph: the second model's graph plus the first model's removed nodes, wired by their edges
/// (an edge touching a paired node attaches to its second-model box).
/// </summary>
internal static class DiffOverlay
{
    /// <summary>Annotates the boxes, adds the merged graph to <paramref name="document"/> and returns the diff summary.</summary>
    public static PageDiff Apply(PageDocument document, ModelDiff diff, PageGraphBuilder before, PageGraphBuilder after, int beforeGraph, int afterGraph)
    {
        var beforeToAfter = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var change in diff.Changes)
        {
            string status = change.Status.ToString().ToLowerInvariant();
            // A Constant node folded into its consumer has no box to mark.
            var x = change.Before is null ? null : before.NodeBoxes.GetValueOrDefault(change.Before);
            var y = change.After is null ? null : after.NodeBoxes.GetValueOrDefault(change.After);
            Mark(x, status, change.Details, y?.Id);
            Mark(y, status, change.Details, x?.Id);
            if (x is not null && y is not null) beforeToAfter[x.Id] = y.Id;
        }

        MarkMarkers(before.InputMarkers, after.InputMarkers, beforeToAfter);
        MarkMarkers(before.OutputMarkers, after.OutputMarkers, beforeToAfter);

        var merged = new PageGraph { Id = document.Graphs.Count, Name = "overlay" };
        document.Graphs.Add(merged);
        var second = document.Graphs[afterGraph];
        var first = document.Graphs[beforeGraph];
        merged.Nodes.AddRange(second.Nodes);
        merged.Nodes.AddRange(first.Nodes.Where(n => !beforeToAfter.ContainsKey(n.Id)));

        var seen = new HashSet<(string, string, string)>();
        foreach (var edge in second.Edges.Where(e => e.Outer is null))
        {
            if (seen.Add((edge.From, edge.To, edge.Value))) merged.Edges.Add(edge);
        }

        // Edges between two paired boxes are already there as the second model's; add those touching a removed box.
        foreach (var edge in first.Edges.Where(e => e.Outer is null && !(beforeToAfter.ContainsKey(e.From) && beforeToAfter.ContainsKey(e.To))))
        {
            string from = beforeToAfter.GetValueOrDefault(edge.From, edge.From);
            string to = beforeToAfter.GetValueOrDefault(edge.To, edge.To);
            if (!seen.Add((from, to, edge.Value))) continue;
            merged.Edges.Add(new PageEdge { From = from, To = to, Value = edge.Value, Label = edge.Label });
        }

        return new PageDiff
        {
            Added = diff.Count(NodeDiffStatus.Added),
            Removed = diff.Count(NodeDiffStatus.Removed),
            Changed = diff.Count(NodeDiffStatus.Changed),
            Unchanged = diff.Count(NodeDiffStatus.Unchanged),
            OverlayGraph = merged.Id,
        };
    }

    private static void Mark(PageNode? box, string status, IReadOnlyList<string> details, string? counterpart)
    {
        if (box is null) return;
        box.Diff = status;
        box.Changes = details.Count > 0 ? details.ToList() : null;
        box.Counterpart = counterpart;
    }

    /// <summary>Graph inputs and outputs pair by name; a changed type makes them "changed".</summary>
    private static void MarkMarkers(Dictionary<string, PageNode> before, Dictionary<string, PageNode> after, Dictionary<string, string> beforeToAfter)
    {
        foreach (var (name, x) in before)
        {
            if (after.TryGetValue(name, out var y))
            {
                var details = x.Op == y.Op ? new List<string>() : [$"type: {x.Op} → {y.Op}"];
                string status = details.Count == 0 ? "unchanged" : "changed";
                Mark(x, status, details, y.Id);
                Mark(y, status, details, x.Id);
                beforeToAfter[x.Id] = y.Id;
            }
            else
            {
                Mark(x, "removed", [], null);
            }
        }

        foreach (var (name, y) in after)
        {
            if (!before.ContainsKey(name)) Mark(y, "added", [], null);
        }
    }
}
