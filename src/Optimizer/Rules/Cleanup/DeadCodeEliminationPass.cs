using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Cleanup;

/// <summary>
/// Removes what nothing reads: nodes none of whose outputs is used or is a graph output, then
/// initializers no node uses, then model-local functions no node calls, in every graph
/// (subgraphs and function bodies included), until nothing more can go.
/// </summary>
/// <remarks>
/// Kept on purpose: graph inputs (removing one changes the model's interface), initializers
/// listed as graph inputs from IR 4 on (overridable defaults; before IR 4 every initializer had to
/// be listed, and an unused one goes with its listing), initializers bound by training info, sparse initializers, and nodes of domains
/// OnnxKit has no schemas for (a custom operator may have effects beyond its outputs). Removing
/// a node with subgraphs also releases the outer values its subgraphs read.
/// </remarks>
public sealed class DeadCodeEliminationPass : Pass
{
    /// <inheritdoc/>
    public override string Name => "eliminate-dead-code";

    /// <inheritdoc/>
    public override string Description => "Remove nodes whose outputs are unused, unused initializers and uncalled functions.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    public override PassResult Run(Model model, PassContext context)
    {
        var bound = model.TrainingInfo.SelectMany(t => t.InitializationBinding.Concat(t.UpdateBinding)).Select(b => b.Key)
            .ToHashSet(StringComparer.Ordinal);
        bool modified = false;
        bool removedSome;
        do
        {
            context.Cancellation.ThrowIfCancellationRequested();
            removedSome = false;
            var graphs = new List<Graph>();
            foreach (var root in new[] { model.Graph }.Concat(model.Functions.Select(f => f.Body)))
                graphs.AddRange(GraphWalker.SelfAndSubgraphs(root));
            // Innermost graphs first, so uses from dead subgraph nodes are gone before outer values are judged.
            for (int g = graphs.Count - 1; g >= 0; g--)
            {
                var graph = graphs[g];
                removedSome |= RemoveDeadNodes(model, graph);
                removedSome |= RemoveUnusedInitializers(model, graph, keep: ReferenceEquals(graph, model.Graph) ? bound : null);
            }
            removedSome |= RemoveUncalledFunctions(model);
            modified |= removedSome;
        }
        while (removedSome);
        return new PassResult(model, modified);
    }

    private static bool RemoveDeadNodes(Model model, Graph graph)
    {
        bool removed = false;
        foreach (var node in graph.Nodes.Reverse().ToList())
        {
            if (!IsDead(model, graph, node)) continue;
            Detach(node);
            graph.Nodes.Remove(node);
            removed = true;
        }
        return removed;
    }

    /// <summary>Unused and free of effects; a random generator nobody reads is dead too.</summary>
    private static bool IsDead(Model model, Graph graph, Node node) =>
        node.Outputs.All(o => o.Uses.Count == 0 && !o.IsOutputOf(graph))
        && (NodeTraits.IsNondeterministic(node) || NodeTraits.IsKnownPure(model, node));

    /// <summary>Disconnects a dead node's subgraphs from the outer values they read or return.</summary>
    private static void Detach(Node node)
    {
        foreach (var subgraph in node.Subgraphs().SelectMany(GraphWalker.SelfAndSubgraphs).ToList())
        {
            foreach (var inner in subgraph.Nodes) inner.ClearInputs();
            subgraph.Outputs.Clear();
        }
    }

    /// <summary>Before IR 4 every initializer is also listed as an input; such listings go with the initializer.</summary>
    private static bool RemoveUnusedInitializers(Model model, Graph graph, HashSet<string>? keep)
    {
        bool legacy = model.IrVersion < 4;
        var unused = graph.Initializers.Where(v => v.Uses.Count == 0 && !v.IsOutputOf(graph) && (legacy || !v.IsGraphInput)
            && !(keep?.Contains(v.Name) ?? false)).ToList();
        foreach (var value in unused)
        {
            graph.Initializers.Remove(value);
            if (legacy) graph.Inputs.Remove(value);
        }
        return unused.Count > 0;
    }

    private static bool RemoveUncalledFunctions(Model model)
    {
        var called = new HashSet<Function>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<Graph>([model.Graph]);
        while (pending.Count > 0)
        {
            foreach (var node in pending.Pop().AllNodes())
            {
                if (model.FindFunction(node.Domain, node.OpType, node.Overload) is { } f && called.Add(f)) pending.Push(f.Body);
            }
        }
        int before = model.Functions.Count;
        model.Functions.RemoveAll(f => !called.Contains(f));
        return model.Functions.Count < before;
    }
}
