using OnnxKit.Ir;
using OnnxKit.Viewer.Graphs;

namespace OnnxKit.Viewer.Diff;

/// <summary>
/// Compares the main graphs of two models node by node, as an optimizer's before and after.
/// Nodes are paired, in this order, by unique node name, by unique first-output name, and by
/// operator plus input names; each pass pairs only nodes of the same operator that are unpaired
/// and whose key is unique on both sides. A pair is "changed" when its attributes, weights,
/// output types, or the producers feeding its inputs differ (a renamed value fed by the paired
/// producer is not a change). Unpaired nodes are removed (first model) or added (second model).
/// String weights are compared by type and shape only.
/// </summary>
public static class ModelDiffer
{
    /// <summary>Compares <paramref name="before"/> with <paramref name="after"/>; neither is modified.</summary>
    public static ModelDiff Compare(Model before, Model after)
    {
        var left = before.Graph.Nodes.ToList();
        var right = after.Graph.Nodes.ToList();
        var pairs = new Dictionary<Node, Node>();
        var paired = new HashSet<Node>();

        void PairBy(Func<Node, string?> key)
        {
            var candidates = UniqueKeys(right.Where(n => !paired.Contains(n)), key);
            foreach (var (k, node) in UniqueKeys(left.Where(n => !pairs.ContainsKey(n)), key))
            {
                if (candidates.TryGetValue(k, out var match) && SameOperator(node, match))
                {
                    pairs[node] = match;
                    paired.Add(match);
                }
            }
        }

        PairBy(n => string.IsNullOrEmpty(n.Name) ? null : n.Name);
        PairBy(n => n.Outputs.Count > 0 && n.Outputs[0].Name.Length > 0 ? n.Outputs[0].Name : null);
        PairBy(n => $"{n.Domain}::{n.OpType}({string.Join(",", n.Inputs.Select(v => v?.Name ?? ""))})");

        var byRight = pairs.ToDictionary(p => p.Value, p => p.Key);
        var changes = new List<NodeChange>();
        foreach (var node in right)
        {
            if (byRight.TryGetValue(node, out var original))
            {
                var details = Differences(original, node, pairs);
                changes.Add(new NodeChange(details.Count == 0 ? NodeDiffStatus.Unchanged : NodeDiffStatus.Changed, original, node, details));
            }
            else
            {
                changes.Add(new NodeChange(NodeDiffStatus.Added, null, node, []));
            }
        }

        changes.AddRange(left.Where(n => !pairs.ContainsKey(n)).Select(n => new NodeChange(NodeDiffStatus.Removed, n, null, [])));
        return new ModelDiff(changes);
    }

    private static Dictionary<string, Node> UniqueKeys(IEnumerable<Node> nodes, Func<Node, string?> key) =>
        nodes.Select(n => (Key: key(n), Node: n)).Where(k => k.Key is not null)
            .GroupBy(k => k.Key!, StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.First().Node, StringComparer.Ordinal);

    private static bool SameOperator(Node a, Node b) =>
        a.OpType == b.OpType && (a.IsDefaultDomain ? b.IsDefaultDomain : a.Domain == b.Domain);

    private static List<string> Differences(Node a, Node b, Dictionary<Node, Node> pairs)
    {
        var details = new List<string>();
        if ((a.Name ?? "") != (b.Name ?? "")) details.Add($"renamed: {a.Name} → {b.Name}");

        foreach (var name in a.Attributes.Select(x => x.Name).Union(b.Attributes.Select(x => x.Name)))
        {
            var (x, y) = (a.Attributes[name], b.Attributes[name]);
            if (x is null) details.Add($"attribute {name} added: {y}");
            else if (y is null) details.Add($"attribute {name} removed (was {x})");
            else if (!AttributeValues.Equal(x, y)) details.Add($"attribute {x} → {AttributeFormatter.Format(y)}");
        }

        if (a.Inputs.Count != b.Inputs.Count) details.Add($"inputs: {a.Inputs.Count} → {b.Inputs.Count}");
        for (int i = 0; i < Math.Min(a.Inputs.Count, b.Inputs.Count); i++)
        {
            if (InputDifference(a.Inputs[i], b.Inputs[i], pairs) is { } difference) details.Add($"input {i}: {difference}");
        }

        if (a.Outputs.Count != b.Outputs.Count) details.Add($"outputs: {a.Outputs.Count} → {b.Outputs.Count}");
        for (int i = 0; i < Math.Min(a.Outputs.Count, b.Outputs.Count); i++)
        {
            var (x, y) = (TypeLabels.Format(a.Outputs[i].Type), TypeLabels.Format(b.Outputs[i].Type));
            if (x.Length > 0 && y.Length > 0 && x != y) details.Add($"output {i} ({b.Outputs[i].Name}): {x} → {y}");
        }

        return details;
    }

    private static string? InputDifference(Value? x, Value? y, Dictionary<Node, Node> pairs)
    {
        if (x is null || y is null)
        {
            return x is null && y is null ? null : $"{(x is null ? "omitted" : x.Name)} → {(y is null ? "omitted" : y.Name)}";
        }

        if (x.ConstValue is { } wx && y.ConstValue is { } wy)
        {
            var (tx, ty) = ($"{wx.DataType.OnnxName()}{TensorDims.Format(wx.Dims)}", $"{wy.DataType.OnnxName()}{TensorDims.Format(wy.Dims)}");
            if (tx != ty) return $"weight {y.Name}: {tx} → {ty}";
            return AttributeValues.TensorsEqual(wx, wy) ? null : $"weight {y.Name}: values changed";
        }

        if (x.ConstValue is not null || y.ConstValue is not null)
        {
            return x.ConstValue is not null ? $"weight {x.Name} → computed {y.Name}" : $"computed {x.Name} → weight {y.Name}";
        }

        bool sameSource = x.Producer is null
            ? y.Producer is null && x.Name == y.Name
            : pairs.TryGetValue(x.Producer, out var match) && match == y.Producer && x.ProducerOutputIndex == y.ProducerOutputIndex;
        return sameSource ? null : $"{x.Name} → {y.Name} (different producer)";
    }
}
