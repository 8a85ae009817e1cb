using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Fusion;

/// <summary>
/// Merges chains of Reshape, Flatten, Squeeze and Unsqueeze into a single Reshape of the chain's input.
/// </summary>
/// <remarks>
/// A chain ending in a Reshape with a constant target free of 0 entries (or with allowzero set) keeps
/// that target, whatever came before. Any other chain needs its output shape: known sizes are written
/// out, a symbolic dim that sits at the same position in the input is copied with 0, and at most one
/// remaining dim becomes −1. Every intermediate result must feed only the next link. Needs opset 5
/// (Reshape's shape input).
/// </remarks>
public sealed class ReshapeChainPass : RewriteRulePass<ReshapeChainPass.ReshapeChain>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Reshape", "Flatten", "Squeeze", "Unsqueeze" };

    /// <summary>The chain (last link first), its input and the target of the replacing Reshape (a value, or constants to add).</summary>
    public sealed record ReshapeChain(IReadOnlyList<Node> Links, Value Input, Value? Target, long[]? TargetValues);

    /// <inheritdoc/>
    public override string Name => "merge-reshapes";

    /// <inheritdoc/>
    public override string Description => "Merge chains of Reshape/Flatten/Squeeze/Unsqueeze into one Reshape.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Extended;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<ReshapeChain> Match(Node anchor, GraphContext graph)
    {
        if (graph.Opset < 5) return Rule.Fail("Reshape takes its shape as an input from opset 5");
        var links = new List<Node> { anchor };
        var input = anchor.Inputs.ElementAtOrDefault(0);
        while (input?.Producer is { IsDefaultDomain: true } p && Anchors.Contains(p.OpType) && p.Graph == graph.Graph
               && p.Attributes.All(a => a.RefAttributeName is null) && Matching.HasSingleUse(input, graph))
        {
            links.Add(p);
            input = p.Inputs.ElementAtOrDefault(0);
        }
        if (input is null) return Rule.Fail("no data input");
        if (links.Count < 2) return Rule.Fail("not fed by another reshaping node");

        if (anchor.OpType == "Reshape" && graph.TryGetConstant(anchor.Inputs.ElementAtOrDefault(1), out var target))
        {
            var values = target.ToInt64Array();
            if (!values.Contains(0) || anchor.Attributes.GetInt("allowzero", 0) != 0) return new ReshapeChain(links, input, anchor.Inputs[1], null);
        }
        if (ShapeFacts.ShapeOf(anchor.Outputs[0]) is not { } output) return Rule.Fail("the chain's output shape is unknown");
        var inputShape = ShapeFacts.ShapeOf(input);
        var dims = new long[output.Rank];
        int inferred = 0;
        for (int i = 0; i < output.Rank; i++)
        {
            if (output[i].Value is long size)
            {
                if (size == 0) return Rule.Fail("the output has a zero-size dim");
                dims[i] = size;
            }
            else if (inputShape is not null && i < inputShape.Rank && ReshapeTargets.SameDim(inputShape[i], output[i])) dims[i] = 0;
            else
            {
                dims[i] = -1;
                inferred++;
            }
        }
        if (inferred > 1) return Rule.Fail("more than one output dim is unknown");
        return new ReshapeChain(links, input, null, dims);
    }

    /// <inheritdoc/>
    protected override void Rewrite(ReshapeChain match, GraphContext graph)
    {
        var last = match.Links[0];
        var target = match.Target ?? graph.AddConstant(TensorValues.Int64Vector(match.TargetValues!), last.Outputs[0].Name + "_shape", last);
        var attributes = last.OpType == "Reshape" ? last.Attributes.Where(a => a.Name == "allowzero") : null;
        var reshape = graph.InsertBefore(last, "Reshape", [match.Input, target], last.Outputs[0].Name, attributes, last.Outputs[0].Type, last.Name);
        graph.Replace(last.Outputs[0], reshape.Outputs[0]);
        graph.RemoveIfUnused([.. match.Links]);
    }
}
