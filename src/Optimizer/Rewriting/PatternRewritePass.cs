using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A pass made of declarative <see cref="RewriteRule"/>s. It visits every graph (subgraphs and
/// function bodies included) node by node, in order; at each node that some rule's pattern is
/// rooted at, the rules are tried in order and the first that matches rewrites. A node whose
/// attributes refer to function attributes is skipped (their values are unknown). Every node a
/// rule considered and declined is traced with the reasons (<c>--explain</c>).
/// </summary>
public abstract class PatternRewritePass : Pass
{
    private Dictionary<string, RewriteRule[]>? rulesByRootOp;

    /// <summary>The rules, in the order they are tried at a node.</summary>
    protected abstract IReadOnlyList<RewriteRule> Rules { get; }

    /// <inheritdoc/>
    public sealed override PassResult Run(Model model, PassContext context)
    {
        var models = new ModelContext(model, context, Name);
        rulesByRootOp ??= Rules.SelectMany(r => r.Patterns.Select(p => (Op: p.RootOpType, Rule: r))).Distinct()
            .GroupBy(e => e.Op, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.Rule).ToArray(), StringComparer.Ordinal);
        bool modified = false;
        foreach (var graph in models.Graphs())
        {
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (var node in graph.Graph.Nodes)
            {
                if (node.Graph != graph.Graph || !rulesByRootOp.TryGetValue(node.OpType, out var rules) || !Array.Exists(rules, r => r.Anchors(node))) continue;
                if (node.Attributes.Any(a => a.RefAttributeName is not null))
                {
                    models.Trace(node, "an attribute refers to a function attribute");
                    continue;
                }
                List<(RewriteRule Rule, string Reason)>? declined = null;
                foreach (var rule in rules)
                {
                    if (!rule.Anchors(node)) continue;
                    modified |= rule.Apply(node, graph, out string? reason);
                    if (reason is null)
                    {
                        declined = null;
                        break;
                    }
                    if (context.Trace is not null) (declined ??= []).Add((rule, reason));
                }
                if (declined is not null) models.Trace(node, Explain(declined));
            }
        }
        return new PassResult(model, modified);
    }

    /// <summary>One reason, or each rule's when they differ.</summary>
    private static string Explain(List<(RewriteRule Rule, string Reason)> declined) =>
        declined.Select(d => d.Reason).Distinct().Count() == 1 ? declined[0].Reason
            : string.Join("; ", declined.Select(d => $"{d.Rule.Name}: {d.Reason}"));
}
