using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A pass made of one rewrite rule: a pattern anchored at nodes of <see cref="AnchorOps"/>, a
/// check that either returns a match or fails with a reason, and a rewrite of the match. The
/// base class visits every graph (subgraphs and function bodies included), skips nodes whose
/// attributes refer to function attributes (their values are not known), traces each declined
/// match with its reason, and reports whether anything was rewritten.
/// </summary>
/// <typeparam name="TMatch">What the check found and the rewrite needs.</typeparam>
public abstract class RewriteRulePass<TMatch> : Pass where TMatch : class
{
    /// <summary>The ai.onnx operators a match may be anchored at.</summary>
    protected abstract IReadOnlySet<string> AnchorOps { get; }

    /// <summary>Matches the pattern at <paramref name="anchor"/> and checks every condition of the rewrite.</summary>
    protected abstract RuleCheck<TMatch> Match(Node anchor, GraphContext graph);

    /// <summary>Rewrites a successful match; must leave the graph valid and topologically ordered.</summary>
    protected abstract void Rewrite(TMatch match, GraphContext graph);

    /// <inheritdoc/>
    public sealed override PassResult Run(Model model, PassContext context)
    {
        var models = new ModelContext(model, context, Name);
        bool modified = false;
        foreach (var graph in models.Graphs())
        {
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (var node in graph.Graph.Nodes)
            {
                if (node.Graph != graph.Graph || !node.IsDefaultDomain || !AnchorOps.Contains(node.OpType)) continue;
                if (node.Attributes.Any(a => a.RefAttributeName is not null))
                {
                    models.Trace(node, "an attribute refers to a function attribute");
                    continue;
                }
                var check = Match(node, graph);
                if (check.Match is null)
                {
                    models.Trace(node, check.Reason!);
                    continue;
                }
                Rewrite(check.Match, graph);
                modified = true;
            }
        }
        return new PassResult(model, modified);
    }
}
