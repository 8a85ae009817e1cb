using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces the two GELU formulas, as converters spell them out, by the Gelu operator (opset 20+):
/// 0.5·x·(1 + Erf(x/√2)) (Div by √2 or Mul by 1/√2) becomes Gelu(x), and
/// 0.5·x·(1 + Tanh(√(2/π)·(x + 0.044715·x³))) (x³ as Pow(x, 3) or x·x·x) becomes Gelu(x, approximate="tanh").
/// </summary>
/// <remarks>
/// Products and sums may be nested in any order; constants must match to a relative 1e-5 (they
/// are stored in float32); every intermediate must feed only the pattern.
/// </remarks>
public sealed class GeluFusionPass : RewriteRulePass<GeluFusionPass.GeluMatch>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Mul" };

    /// <summary>The matched nodes, the input, and whether it is the tanh approximation.</summary>
    public sealed record GeluMatch(Node Root, IReadOnlyList<Node> Nodes, Value X, bool Tanh);

    /// <inheritdoc/>
    public override string Name => "fuse-gelu";

    /// <inheritdoc/>
    public override string Description => "Replace the erf and tanh GELU formulas by Gelu (opset 20+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<GeluMatch> Match(Node anchor, GraphContext graph)
    {
        if (graph.Opset < 20) return Rule.Fail("Gelu needs opset 20");
        var (factors, muls) = Matching.Operands(anchor, graph);
        if (factors.Count != 3) return Rule.Fail("not a product of three factors");
        var half = factors.Find(f => Matching.Near(Matching.UniformConstant(graph, f), 0.5));
        if (half is null) return Rule.Fail("no factor 0.5");
        factors.Remove(half);
        foreach (var (x, other) in new[] { (factors[0], factors[1]), (factors[1], factors[0]) })
        {
            if (Matching.ProducedBy(other, "Add") is not { Inputs.Count: 2 } onePlus || !Matching.HasSingleUse(other, graph)) continue;
            var inner = Matching.Near(Matching.UniformConstant(graph, onePlus.Inputs[0]), 1) ? onePlus.Inputs[1]
                : Matching.Near(Matching.UniformConstant(graph, onePlus.Inputs[1]), 1) ? onePlus.Inputs[0] : null;
            if (inner is null || !Matching.HasSingleUse(inner, graph)) continue;
            var nodes = new List<Node> { anchor, onePlus };
            nodes.AddRange(muls);
            bool? tanh = null;
            if (Matching.ProducedBy(inner, "Erf") is { } erf && ErfArgument(erf.Inputs[0], x, graph, nodes))
            {
                nodes.Add(erf);
                tanh = false;
            }
            else if (Matching.ProducedBy(inner, "Tanh") is { } th && TanhArgument(th.Inputs[0], x, graph, nodes))
            {
                nodes.Add(th);
                tanh = true;
            }
            if (tanh is null) continue;
            var inside = new HashSet<Node>(nodes);
            if (nodes.Where(n => n != anchor).Any(n => n.Outputs.Any(o => graph.IsOutput(o) || o.Uses.Any(u => !inside.Contains(u.Node)))))
                return Rule.Fail("an intermediate is used outside the pattern");
            return new GeluMatch(anchor, nodes, x, tanh.Value);
        }
        return Rule.Fail("no factor is 1 + Erf(x/√2) or 1 + Tanh(√(2/π)(x + 0.044715x³)) of the remaining factor");
    }

    /// <inheritdoc/>
    protected override void Rewrite(GeluMatch match, GraphContext graph)
    {
        var root = match.Root;
        IrAttribute[] attributes = match.Tanh ? [IrAttribute.String("approximate", "tanh")] : [];
        var gelu = graph.InsertBefore(root, "Gelu", [match.X], root.Outputs[0].Name, attributes, root.Outputs[0].Type, root.Name);
        graph.Replace(root.Outputs[0], gelu.Outputs[0]);
        graph.RemoveIfUnused([.. match.Nodes]);
    }

    /// <summary>x/√2 or x·(1/√2).</summary>
    private static bool ErfArgument(Value? t, Value x, GraphContext graph, List<Node> nodes)
    {
        if (Matching.ProducedBy(t, "Div") is { } div && ReferenceEquals(div.Inputs[0], x) && Matching.Near(Matching.UniformConstant(graph, div.Inputs[1]), Math.Sqrt(2)))
        {
            nodes.Add(div);
            return true;
        }
        if (Matching.ProducedBy(t, "Mul") is { Inputs.Count: 2 } mul && IsScaled(mul, x, 1 / Math.Sqrt(2), graph))
        {
            nodes.Add(mul);
            return true;
        }
        return false;
    }

    /// <summary>√(2/π)·(x + 0.044715·x³), with x³ as Pow(x, 3) or a product of three x.</summary>
    private static bool TanhArgument(Value? u, Value x, GraphContext graph, List<Node> nodes)
    {
        if (Matching.ProducedBy(u, "Mul") is not { Inputs.Count: 2 } outer) return false;
        var (factors, muls) = Matching.Operands(outer, graph);
        var c = factors.Find(f => Matching.Near(Matching.UniformConstant(graph, f), Math.Sqrt(2 / Math.PI)));
        if (c is null || factors.Count != 2) return false;
        var v = factors.Find(f => f != c)!;
        if (Matching.ProducedBy(v, "Add") is not { Inputs.Count: 2 } sum || !Matching.HasSingleUse(v, graph)) return false;
        var cubicTerm = ReferenceEquals(sum.Inputs[0], x) ? sum.Inputs[1] : ReferenceEquals(sum.Inputs[1], x) ? sum.Inputs[0] : null;
        if (Matching.ProducedBy(cubicTerm, "Mul") is not { } scaled || !Matching.HasSingleUse(cubicTerm!, graph)) return false;
        var (terms, innerMuls) = Matching.Operands(scaled, graph);
        var k = terms.Find(f => Matching.Near(Matching.UniformConstant(graph, f), 0.044715));
        if (k is null) return false;
        terms.Remove(k);
        var local = new List<Node> { outer, sum, scaled };
        local.AddRange(muls);
        local.AddRange(innerMuls);
        bool productOfThree = terms.Count == 3 && terms.All(t => ReferenceEquals(t, x));
        if (!productOfThree)
        {
            if (terms.Count != 1 || Matching.ProducedBy(terms[0], "Pow") is not { } pow || !ReferenceEquals(pow.Inputs[0], x)
                || !Matching.Near(Matching.UniformConstant(graph, pow.Inputs[1]), 3) || !Matching.HasSingleUse(terms[0], graph))
                return false;
            local.Add(pow);
        }
        nodes.AddRange(local);
        return true;
    }

    private static bool IsScaled(Node mul, Value x, double factor, GraphContext graph) =>
        (ReferenceEquals(mul.Inputs[0], x) && Matching.Near(Matching.UniformConstant(graph, mul.Inputs[1]), factor))
        || (ReferenceEquals(mul.Inputs[1], x) && Matching.Near(Matching.UniformConstant(graph, mul.Inputs[0]), factor));
}
