using System.Runtime.CompilerServices;
using System.Text;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Cleanup;

/// <summary>
/// Merges nodes that compute the same thing: same operator, same input values and equal
/// attributes. The later node's outputs are replaced by the earlier node's and it is removed.
/// </summary>
/// <remarks>
/// Not merged: random operators (and Dropout), nodes holding subgraphs, custom-domain operators,
/// a pair whose later node uses an output the earlier one omits, and merges that would need an
/// Identity to keep a graph output's name. Tensor attributes compare by type, dims and bytes;
/// floats compare bit for bit.
/// </remarks>
public sealed class CommonSubexpressionPass : Pass
{
    /// <inheritdoc/>
    public override string Name => "eliminate-common-subexpressions";

    /// <inheritdoc/>
    public override string Description => "Merge nodes with the same operator, inputs and attributes.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    public override PassResult Run(Model model, PassContext context)
    {
        var models = new ModelContext(model, context, Name);
        bool modified = false;
        foreach (var graph in models.Graphs())
        {
            var seen = new Dictionary<string, List<Node>>(StringComparer.Ordinal);
            foreach (var node in graph.Graph.Nodes)
            {
                if (node.Graph != graph.Graph || !IsCandidate(model, node)) continue;
                string key = Key(node);
                if (!seen.TryGetValue(key, out var bucket)) seen[key] = bucket = [];
                var twin = bucket.Find(earlier => earlier.Graph == graph.Graph && SameComputation(earlier, node) && CanMerge(graph, earlier, node));
                if (twin is null)
                {
                    bucket.Add(node);
                    continue;
                }
                for (int i = 0; i < node.Outputs.Count; i++)
                {
                    if (node.Outputs[i].Uses.Count > 0 || graph.IsOutput(node.Outputs[i])) graph.Replace(node.Outputs[i], twin.Outputs[i]);
                }
                graph.RemoveIfUnused(node);
                modified = true;
            }
        }
        return new PassResult(model, modified);
    }

    private static bool IsCandidate(Model model, Node node) =>
        node.Outputs.Count > 0 && NodeTraits.IsKnownPure(model, node)
        && !node.Attributes.Any(a => a.Type is AttributeType.Graph or AttributeType.Graphs);

    private static bool CanMerge(GraphContext graph, Node earlier, Node later)
    {
        for (int i = 0; i < later.Outputs.Count; i++)
        {
            var output = later.Outputs[i];
            bool needed = output.Uses.Count > 0 || graph.IsOutput(output);
            if (!needed) continue;
            if (earlier.Outputs[i].Name.Length == 0 || !graph.CanReplaceWithoutCopy(output, earlier.Outputs[i])) return false;
        }
        return true;
    }

    private static string Key(Node node)
    {
        var key = new StringBuilder().Append(node.Domain).Append('|').Append(node.OpType).Append('|').Append(node.Overload).Append('|');
        foreach (var input in node.Inputs) key.Append(input is null ? 0 : RuntimeHelpers.GetHashCode(input)).Append(',');
        foreach (var attribute in node.Attributes.OrderBy(a => a.Name, StringComparer.Ordinal)) key.Append(attribute.Name).Append(';');
        return key.ToString();
    }

    private static bool SameComputation(Node a, Node b)
    {
        if (a.Domain != b.Domain || a.OpType != b.OpType || a.Overload != b.Overload) return false;
        if (a.Inputs.Count != b.Inputs.Count || a.Outputs.Count != b.Outputs.Count || a.Attributes.Count != b.Attributes.Count) return false;
        for (int i = 0; i < a.Inputs.Count; i++)
        {
            if (!ReferenceEquals(a.Inputs[i], b.Inputs[i])) return false;
        }
        return a.Attributes.All(x => b.Attributes[x.Name] is { } y && AttributeValues.Equal(x, y));
    }
}
