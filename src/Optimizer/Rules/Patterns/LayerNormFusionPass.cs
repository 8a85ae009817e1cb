using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces layer normalization written out in elementary operators by LayerNormalization (opset 17+):
/// <c>d = x − ReduceMean(x); y = d / Sqrt(ReduceMean(d²) + ε)</c>, optionally followed by ·γ and +β
/// with constant γ and β.
/// </summary>
/// <remarks>
/// Both ReduceMeans must reduce the same trailing axes with keepdims; d² may be Pow(d, 2) or d·d; ε,
/// γ and β must be constants, γ and β shaped like the normalized dims (leading 1s are dropped). Without
/// ·γ, a scale of ones is added, which needs the normalized dims. Every intermediate must feed only
/// the pattern.
/// </remarks>
public sealed class LayerNormFusionPass : RewriteRulePass<LayerNormFusionPass.LayerNorm>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Div" };

    /// <summary>The matched nodes (the last produces the result), the input, axis, epsilon, scale and bias.</summary>
    public sealed record LayerNorm(IReadOnlyList<Node> Nodes, Node Last, Value X, long Axis, float Epsilon, Value? Scale, Value? Bias, long[]? NormalizedDims);

    /// <inheritdoc/>
    public override string Name => "fuse-layer-norm";

    /// <inheritdoc/>
    public override string Description => "Replace ReduceMean/Sub/Pow/Sqrt/Div layer normalization by LayerNormalization (opset 17+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<LayerNorm> Match(Node anchor, GraphContext graph)
    {
        if (graph.Opset < 17) return Rule.Fail("LayerNormalization needs opset 17");
        var d = anchor.Inputs[0]!;
        if (Matching.ProducedBy(d, "Sub") is not { } sub || Matching.ProducedBy(sub.Inputs[1], "ReduceMean") is not { } mean)
            return Rule.Fail("the numerator is not x − ReduceMean(x)");
        var x = sub.Inputs[0]!;
        if (!ReferenceEquals(mean.Inputs[0], x)) return Rule.Fail("the mean is not of the same x");
        if (Matching.ProducedBy(anchor.Inputs[1], "Sqrt") is not { } sqrt || Matching.ProducedBy(sqrt.Inputs[0], "Add") is not { } addEps)
            return Rule.Fail("the denominator is not Sqrt(variance + ε)");
        int varSide = Matching.ProducedBy(addEps.Inputs[0], "ReduceMean") is not null ? 0 : 1;
        if (Matching.ProducedBy(addEps.Inputs[varSide], "ReduceMean") is not { } variance || Matching.UniformConstant(graph, addEps.Inputs[1 - varSide]) is not double epsilon)
            return Rule.Fail("the denominator is not Sqrt(ReduceMean(·) + constant ε)");
        var square = variance.Inputs[0]?.Producer;
        bool isSquare = square is { IsDefaultDomain: true } s && ((s.OpType == "Pow" && ReferenceEquals(s.Inputs[0], d) && Matching.Near(Matching.UniformConstant(graph, s.Inputs[1]), 2))
            || (s.OpType == "Mul" && ReferenceEquals(s.Inputs[0], d) && ReferenceEquals(s.Inputs[1], d)));
        if (!isSquare) return Rule.Fail("the variance is not the mean of (x − mean)²");
        if (mean.Attributes.GetInt("keepdims", 1) != 1 || variance.Attributes.GetInt("keepdims", 1) != 1) return Rule.Fail("a ReduceMean drops dims");
        var axes = Matching.ReduceAxes(mean, graph);
        var axes2 = Matching.ReduceAxes(variance, graph);
        if (axes is null || axes2 is null || axes.Length == 0) return Rule.Fail("the reduced axes are not constant and explicit");
        int? rank = ShapeFacts.RankOf(x);
        if (TrailingAxis(axes, rank) is not long axis || TrailingAxis(axes2, rank) != axis) return Rule.Fail("the means do not both reduce the same trailing axes");
        if (ShapeFacts.ElementTypeOf(x) is not { } type || !TensorValues.IsFusableFloat(type)) return Rule.Fail("the input is not floating point");

        var nodes = new List<Node> { anchor, sub, mean, sqrt, addEps, variance, square! };
        var inside = new HashSet<Node>(nodes);
        if (d.Uses.Any(u => !inside.Contains(u.Node)) || graph.IsOutput(d)) return Rule.Fail("x − mean is used outside the pattern");
        foreach (var node in new[] { mean, sqrt, addEps, variance, square! })
        {
            if (!Matching.HasSingleUse(node.Outputs[0], graph)) return Rule.Fail("an intermediate is used outside the pattern");
        }

        long k = -axis;
        long[]? normalized = ShapeFacts.ShapeOf(x) is { } shape && shape.Rank >= k && shape.Skip(shape.Rank - (int)k).All(dim => dim.IsKnown)
            ? shape.Skip(shape.Rank - (int)k).Select(dim => dim.Value!.Value).ToArray() : null;
        var last = anchor;
        Value? scale = null, bias = null;
        if (Affine(last, "Mul", graph, normalized, k) is { } mul)
        {
            (last, scale) = mul;
            nodes.Add(last);
            if (Affine(last, "Add", graph, normalized, k) is { } add)
            {
                (last, bias) = add;
                nodes.Add(last);
            }
        }
        if (scale is null && normalized is null) return Rule.Fail("there is no scale and the normalized dims are unknown");
        return new LayerNorm(nodes, last, x, axis, (float)epsilon, scale, bias, normalized);
    }

    /// <inheritdoc/>
    protected override void Rewrite(LayerNorm match, GraphContext graph)
    {
        var last = match.Last;
        var type = ShapeFacts.ElementTypeOf(match.X)!.Value;
        var dims = match.NormalizedDims;
        var scale = match.Scale is { } s ? WithoutLeadingOnes(s, graph, last)
            : graph.AddConstant(TensorValues.FromDoubles(type, Enumerable.Repeat(1.0, (int)dims!.Aggregate(1L, (p, v) => p * v)).ToArray(), dims!),
                last.Outputs[0].Name + "_scale", last);
        var inputs = match.Bias is null ? new[] { match.X, scale } : [match.X, scale, WithoutLeadingOnes(match.Bias, graph, last)];
        var norm = graph.InsertBefore(last, "LayerNormalization", inputs, last.Outputs[0].Name,
            [IrAttribute.Int("axis", match.Axis), IrAttribute.Float("epsilon", match.Epsilon)], last.Outputs[0].Type, last.Name);
        graph.Replace(last.Outputs[0], norm.Outputs[0]);
        graph.RemoveIfUnused([.. match.Nodes]);
    }

    /// <summary>The constant itself, or a copy without leading 1 dims (LayerNormalization wants the normalized shape).</summary>
    private static Value WithoutLeadingOnes(Value constant, GraphContext graph, Node before)
    {
        graph.TryGetConstant(constant, out var tensor);
        var dims = tensor.Dims.SkipWhile(d => d == 1).ToArray();
        if (dims.Length == tensor.Dims.Count) return constant;
        return graph.AddConstant(new DenseTensor(tensor.DataType, dims, tensor.GetRawData()), constant.Name + "_squeezed", before);
    }

    /// <summary>The first normalized axis, negative, when <paramref name="axes"/> are exactly the trailing axes.</summary>
    private static long? TrailingAxis(long[] axes, int? rank)
    {
        var negative = new List<long>();
        foreach (long a in axes)
        {
            if (a < 0) negative.Add(a);
            else if (rank is int r && a < r) negative.Add(a - r);
            else return null;
        }
        negative.Sort();
        for (int i = 0; i < negative.Count; i++)
        {
            if (negative[i] != -negative.Count + i) return null;
        }
        return -negative.Count;
    }

    /// <summary>The node applying a constant γ (Mul) or β (Add) shaped like the normalized dims to <paramref name="previous"/>'s result.</summary>
    private static (Node Node, Value Constant)? Affine(Node previous, string opType, GraphContext graph, long[]? normalized, long k)
    {
        if (Matching.SoleConsumer(previous.Outputs[0], graph, opType) is not { Inputs.Count: 2 } node) return null;
        var constant = ReferenceEquals(node.Inputs[0], previous.Outputs[0]) ? node.Inputs[1] : node.Inputs[0];
        if (!graph.TryGetConstant(constant, out var tensor)) return null;
        var dims = tensor.Dims.SkipWhile(d => d == 1).ToArray();
        if (dims.Length != k || (normalized is not null && !dims.SequenceEqual(normalized))) return null;
        return (node, constant!);
    }
}
