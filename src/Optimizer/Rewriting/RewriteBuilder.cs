using OnnxKit.Ir;
using OnnxKit.Ir.Building;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// The <see cref="GraphBuilder"/> a <see cref="RewriteRule"/>'s replacement writes with: new nodes
/// go right before the matched root, their outputs are named from the root's output
/// (<c>y</c> → <c>y_1</c>, unique in the whole model), and constants become initializers, or
/// Constant nodes where a graph cannot hold initializers (function bodies, subgraphs of pre-IR-4
/// models). The node producing the returned value takes the root's name and output type.
/// </summary>
public sealed class RewriteBuilder : GraphBuilder
{
    internal RewriteBuilder(PatternMatch match)
        : base(match.Graph.Graph, match.Graph.Opset, () => match.Graph.Model.Names)
    {
        Match = match;
        InsertionPoint = match.Root;
    }

    /// <summary>The match being replaced.</summary>
    public PatternMatch Match { get; }

    /// <summary>The graph being rewritten.</summary>
    public GraphContext Context => Match.Graph;

    /// <inheritdoc/>
    public override Value Constant(ITensor tensor, string nameHint = "const") => Context.AddConstant(tensor, nameHint, Match.Root);

    /// <inheritdoc/>
    protected override string OutputName(string opType) => Names.Fresh(Match.Output.Name);
}
