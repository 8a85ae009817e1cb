using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces the Keras "threshold with gradient flow" construction by Clip(x, min, max):
/// <c>ge = float(x ≥ max); le = float(x ≤ min); y = (1 − ge)·(1 − le)·x + min·le + max·ge</c>.
/// </summary>
/// <remarks>
/// The comparisons may be GreaterOrEqual/LessOrEqual (opset 12+), or their older spellings
/// Not(Less)/Not(Greater) and Or(Greater, Equal)/Or(Less, Equal). Products and sums may be
/// nested in any order. min and max must be uniform constants with min ≤ max, and every
/// intermediate must feed only the pattern. Needs opset 6 (min/max as attributes before 11, inputs
/// from 11). The result equals the original for every finite x (at ±∞ the original gives NaN,
/// since 0·∞ is NaN, and Clip gives min or max).
/// </remarks>
public sealed class ThresholdClipFusionPass : RewriteRulePass<ThresholdClipFusionPass.Threshold>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Add" };

    /// <summary>The matched nodes, the clipped input, the bounds and the element type.</summary>
    public sealed record Threshold(Node Root, IReadOnlyList<Node> Nodes, Value X, double Min, double Max, DataType Type);

    private sealed record Mask(Value Value, Value X, double Bound, bool AtLeast, List<Node> Nodes);

    /// <inheritdoc/>
    public override string Name => "fuse-threshold-clip";

    /// <inheritdoc/>
    public override string Description => "Replace the Keras threshold-with-gradient-flow subgraph by Clip.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<Threshold> Match(Node anchor, GraphContext graph)
    {
        if (graph.Opset < 6) return Rule.Fail("Clip takes min and max from opset 6");
        var (terms, adds) = Matching.Operands(anchor, graph);
        if (terms.Count != 3) return Rule.Fail("not a sum of three terms");
        Mask? low = null, high = null;
        Value? product = null;
        var nodes = new List<Node> { anchor };
        nodes.AddRange(adds);
        foreach (var term in terms)
        {
            if (BoundTerm(term, graph) is { } mask)
            {
                if (mask.AtLeast) high = mask;
                else low = mask;
                nodes.AddRange(mask.Nodes);
            }
            else product = term;
        }
        if (low is null || high is null || product is null) return Rule.Fail("the terms are not min·(x ≤ min), max·(x ≥ max) and a product");
        if (!ReferenceEquals(low.X, high.X) || low.Bound > high.Bound) return Rule.Fail("the bounds do not clip one value to an interval");
        if (Matching.ProducedBy(product, "Mul") is not { } mul || !Matching.HasSingleUse(product, graph))
            return Rule.Fail("the third term is not a product");
        var (factors, muls) = Matching.Operands(mul, graph);
        nodes.Add(mul);
        nodes.AddRange(muls);
        if (factors.Count != 3 || !factors.Remove(low.X)) return Rule.Fail("the product is not of x and two complements");
        foreach (var complement in factors)
        {
            if (Matching.ProducedBy(complement, "Sub") is not { } sub || !Matching.Near(Matching.UniformConstant(graph, sub.Inputs[0]), 1))
                return Rule.Fail("a factor is not 1 − mask");
            var mask = Same(sub.Inputs[1], low, graph) ? low : Same(sub.Inputs[1], high, graph) ? high : null;
            if (mask is null) return Rule.Fail("a complement is not of the bound masks");
            nodes.Add(sub);
            nodes.AddRange(MaskNodes(sub.Inputs[1]!));
        }
        var type = ShapeFacts.ElementTypeOf(anchor.Outputs[0]) ?? ShapeFacts.ElementTypeOf(low.X);
        if (type is not { } t || !TensorValues.IsFusableFloat(t)) return Rule.Fail("the element type is unknown or not floating point");
        var inside = new HashSet<Node>(nodes);
        foreach (var node in nodes.Where(n => n != anchor))
        {
            if (node.Outputs.Any(o => graph.IsOutput(o) || o.Uses.Any(u => !inside.Contains(u.Node)))) return Rule.Fail("an intermediate is used outside the pattern");
        }
        return new Threshold(anchor, nodes.Distinct().ToList(), low.X, low.Bound, high.Bound, t);
    }

    /// <inheritdoc/>
    protected override void Rewrite(Threshold match, GraphContext graph)
    {
        var root = match.Root;
        Node clip;
        if (graph.Opset >= 11)
        {
            var min = graph.AddConstant(TensorValues.Scalar(match.Type, match.Min), root.Outputs[0].Name + "_min", root);
            var max = graph.AddConstant(TensorValues.Scalar(match.Type, match.Max), root.Outputs[0].Name + "_max", root);
            clip = graph.InsertBefore(root, "Clip", [match.X, min, max], root.Outputs[0].Name, outputType: root.Outputs[0].Type, nodeName: root.Name);
        }
        else
        {
            clip = graph.InsertBefore(root, "Clip", [match.X], root.Outputs[0].Name,
                [IrAttribute.Float("min", (float)match.Min), IrAttribute.Float("max", (float)match.Max)], root.Outputs[0].Type, root.Name);
        }
        graph.Replace(root.Outputs[0], clip.Outputs[0]);
        graph.RemoveIfUnused([.. match.Nodes]);
    }

    /// <summary>bound·mask (either order), where mask = Cast(x ≥ bound) or Cast(x ≤ bound).</summary>
    private static Mask? BoundTerm(Value term, GraphContext graph)
    {
        if (Matching.ProducedBy(term, "Mul") is not { Inputs.Count: 2 } mul) return null;
        for (int side = 0; side < 2; side++)
        {
            if (Matching.UniformConstant(graph, mul.Inputs[side]) is not double factor) continue;
            if (Comparison(mul.Inputs[1 - side], graph) is { } mask && Matching.Near(factor, mask.Bound))
                return mask with { Nodes = [mul, .. mask.Nodes] };
        }
        return null;
    }

    /// <summary>Cast(x ≥ k) or Cast(x ≤ k) with k a uniform constant, in any of the spellings the opsets allow.</summary>
    private static Mask? Comparison(Value? value, GraphContext graph)
    {
        if (Matching.ProducedBy(value, "Cast") is not { } cast || cast.Inputs[0] is not { } flag) return null;
        var (op, x, k, nodes) = Decode(flag);
        if (op is null || x is null || Matching.UniformConstant(graph, k) is not double bound) return null;
        return new Mask(value!, x, bound, op == ">=", [cast, .. nodes]);
    }

    private static (string? Op, Value? X, Value? K, List<Node> Nodes) Decode(Value flag)
    {
        var p = flag.Producer;
        if (p is null || !p.IsDefaultDomain || p.Inputs.Count == 0) return (null, null, null, []);
        switch (p.OpType)
        {
            case "GreaterOrEqual": return (">=", p.Inputs[0], p.Inputs[1], [p]);
            case "LessOrEqual": return ("<=", p.Inputs[0], p.Inputs[1], [p]);
            case "Not" when p.Inputs[0]?.Producer is { IsDefaultDomain: true, OpType: "Less" or "Greater" } inner:
                return (inner.OpType == "Less" ? ">=" : "<=", inner.Inputs[0], inner.Inputs[1], [p, inner]);
            case "Or" when p.Inputs.Count == 2:
                for (int side = 0; side < 2; side++)
                {
                    if (p.Inputs[side]?.Producer is { IsDefaultDomain: true, OpType: "Greater" or "Less" } strict
                        && p.Inputs[1 - side]?.Producer is { IsDefaultDomain: true, OpType: "Equal" } equal
                        && ReferenceEquals(strict.Inputs[0], equal.Inputs[0]) && ReferenceEquals(strict.Inputs[1], equal.Inputs[1]))
                        return (strict.OpType == "Greater" ? ">=" : "<=", strict.Inputs[0], strict.Inputs[1], [p, strict, equal]);
                }
                break;
        }
        return (null, null, null, []);
    }

    /// <summary>True when <paramref name="value"/> is the mask's value or an identical comparison.</summary>
    private static bool Same(Value? value, Mask mask, GraphContext graph) =>
        ReferenceEquals(value, mask.Value)
        || (Comparison(value, graph) is { } other && ReferenceEquals(other.X, mask.X) && other.AtLeast == mask.AtLeast && other.Bound == mask.Bound);

    private static IEnumerable<Node> MaskNodes(Value mask)
    {
        var cast = mask.Producer!;
        return [cast, .. Decode(cast.Inputs[0]!).Nodes];
    }
}
