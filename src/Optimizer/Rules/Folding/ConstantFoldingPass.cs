using OnnxKit.Ir;
using OnnxKit.Optimizer.Evaluation;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Folding;

/// <summary>
/// Turns Constant nodes into initializers and replaces nodes whose inputs are all constants by
/// their computed outputs. Values are computed on the backend <see cref="PassContext.Evaluator"/> (the
/// reference evaluator by default), one node at a time, in graph order, so chains fold in one sweep.
/// </summary>
/// <remarks>
/// Never folded: random operators and Dropout, nodes holding subgraphs, custom-domain operators,
/// nodes whose attributes refer to function attributes, nodes with a graph output (an initializer
/// cannot carry an output's name), and results that would grow the model beyond
/// <see cref="FoldingLimits"/>. Function bodies cannot hold initializers, so there results become
/// Constant nodes. Initializers that are also graph inputs are not constants.
/// </remarks>
public sealed class ConstantFoldingPass : Pass
{
    /// <inheritdoc/>
    public override string Name => "fold-constants";

    /// <inheritdoc/>
    public override string Description => "Evaluate nodes whose inputs are all constants; Constant nodes become initializers.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    public override PassResult Run(Model model, PassContext context)
    {
        var models = new ModelContext(model, context, Name);
        bool modified = false;
        foreach (var graph in models.Graphs())
        {
            context.Cancellation.ThrowIfCancellationRequested();
            foreach (var node in graph.Graph.Nodes)
            {
                if (node.Graph != graph.Graph || !node.IsDefaultDomain) continue;
                if (node.OpType == "Constant") modified |= Materialize(node, graph);
                else modified |= Fold(node, graph, models);
            }
        }
        return new PassResult(model, modified);
    }

    /// <summary>A Constant node in a graph becomes an initializer of the same name.</summary>
    private static bool Materialize(Node node, GraphContext graph)
    {
        if (graph.UsesConstantNodes || graph.IsOutput(node.Outputs[0])) return false;
        if (ConstantNodes.TryRead(node) is not { } tensor) return false;
        graph.ReplaceWithConstant(node.Outputs[0], tensor, node);
        graph.RemoveIfUnused(node);
        return true;
    }

    private static bool Fold(Node node, GraphContext graph, ModelContext models)
    {
        if (node.Inputs.All(i => i is null) || NodeTraits.IsNondeterministic(node)) return false;
        if (node.Attributes.Any(a => a.RefAttributeName is not null || a.Type is AttributeType.Graph or AttributeType.Graphs)) return false;
        var inputs = new ITensor?[node.Inputs.Count];
        for (int i = 0; i < inputs.Length; i++)
        {
            if (node.Inputs[i] is null) continue;
            if (!graph.TryGetConstant(node.Inputs[i], out var tensor)) return false;
            inputs[i] = tensor;
        }
        if (!graph.UsesConstantNodes && node.Outputs.Any(graph.IsOutput))
        {
            models.Trace(node, "an output is a graph output");
            return false;
        }
        if (models.Pass.Evaluator is not { } evaluator)
        {
            models.Trace(node, "no evaluator is available");
            return false;
        }
        var opsets = graph.Function?.OpsetImports ?? models.Model.OpsetImports;
        IReadOnlyList<ITensor> results;
        try
        {
            results = SingleNodeModel.Evaluate(evaluator, node, inputs, opsets);
        }
        catch (OnnxKitException e)
        {
            models.Trace(node, $"cannot evaluate: {e.Message}");
            return false;
        }
        long outputBytes = results.Where((_, i) => node.Outputs[i].Uses.Count > 0).Sum(r => r.ByteCount);
        long freedBytes = node.Inputs.Distinct().Where(v => v is not null && v.Uses.All(u => u.Node == node) && !graph.IsOutput(v))
            .Sum(v => v!.ConstValue?.ByteCount ?? (graph.TryGetConstant(v, out var t) ? t.ByteCount : 0));
        if (!models.Pass.FoldingLimits.Allows(outputBytes, freedBytes))
        {
            models.Trace(node, $"the result ({outputBytes} bytes) would grow the model (frees {freedBytes} bytes)");
            return false;
        }
        for (int i = 0; i < results.Count; i++)
        {
            var declared = ShapeFacts.ElementTypeOf(node.Outputs[i]);
            if (declared is { } type && type != results[i].DataType)
            {
                models.Trace(node, $"the evaluator returned {results[i].DataType.OnnxName()} for a {type.OnnxName()} output");
                return false;
            }
        }
        for (int i = 0; i < results.Count; i++)
        {
            if (node.Outputs[i].Uses.Count > 0) graph.ReplaceWithConstant(node.Outputs[i], results[i], node);
        }
        graph.RemoveIfUnused(node);
        return true;
    }
}
