using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Rules.Patterns;

/// <summary>
/// Replaces layer normalization written out in elementary operators by LayerNormalization (opset 17+):
/// <c>d = x − ReduceMean(x); y = d / Sqrt(ReduceMean(d²) + ε)</c> (or <c>d · Reciprocal(Sqrt(…))</c>, the form
/// <c>convert</c> writes below opset 17), optionally followed by ·γ and +β with constant γ and β.
/// </summary>
/// <remarks>
/// Both ReduceMeans must reduce the same trailing axes with keepdims; d² may be Pow(d, 2) or d·d; ε,
/// γ and β must be constants, γ and β shaped like the normalized dims (leading 1s are dropped). Without
/// ·γ, a scale of ones is added, which needs the normalized dims. Every intermediate must feed only
/// the pattern. The longer patterns come first, so the scale and bias join the fused node whenever
/// they qualify.
/// </remarks>
public sealed class LayerNormFusionPass : PatternRewritePass
{
    /// <inheritdoc/>
    public override string Name => "fuse-layer-norm";

    /// <inheritdoc/>
    public override string Description => "Replace ReduceMean/Sub/Pow/Sqrt/Div layer normalization by LayerNormalization (opset 17+).";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.All;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        new("layer-norm")
        {
            Patterns =
            [
                Pattern.Of(p => Normalized(p) * p.ConstantTensor("scale") + p.ConstantTensor("bias"), "scale and bias"),
                Pattern.Of(p => Normalized(p) * p.ConstantTensor("scale"), "scale"),
                Pattern.Of(p => Divided(Parts(p)), "no scale, divided"),
                Pattern.Of(p => TimesReciprocal(p, Parts(p)), "no scale, times the reciprocal"),
            ],
            Precondition = graph => graph.Opset < 17 ? "LayerNormalization needs opset 17" : null,
            Checks =
            [
                new("keepdims", m => m.Node("mean").Attributes.GetInt("keepdims", 1) != 1 || m.Node("variance").Attributes.GetInt("keepdims", 1) != 1
                    ? "a ReduceMean drops dims" : null),
                new("trailing-axes", TrailingAxesProblem),
                new("float-input", m => ShapeFacts.ElementTypeOf(m["x"]) is { } type && TensorValues.IsFusableFloat(type) ? null : "the input is not floating point"),
                new("affine-shapes", AffineProblem),
            ],
            Replacement = LayerNormalization,
        },
    ];

    /// <summary>(x − mean(x)) / √(mean((x − mean(x))²) + ε), dividing or multiplying by the reciprocal.</summary>
    private static PatternValue Normalized(PatternBuilder p)
    {
        var parts = Parts(p);
        return p.OneOf(Divided(parts), TimesReciprocal(p, parts));
    }

    private static PatternValue Divided((PatternValue Centered, PatternValue Deviation) parts) => parts.Centered / parts.Deviation;

    private static PatternValue TimesReciprocal(PatternBuilder p, (PatternValue Centered, PatternValue Deviation) parts) => parts.Centered * p.Reciprocal(parts.Deviation);

    /// <summary>d = x − mean(x) and √(mean(d²) + ε).</summary>
    private static (PatternValue Centered, PatternValue Deviation) Parts(PatternBuilder p)
    {
        var x = p.Var("x");
        var d = x - p.Op("ReduceMean", [x]).Named("mean").AllowingOtherInputs();
        var variance = p.Op("ReduceMean", [p.OneOf(p.Pow(d, 2), d * d)]).Named("variance").AllowingOtherInputs();
        return (d, p.Sqrt(variance + p.Scalar("epsilon")));
    }

    private static string? TrailingAxesProblem(PatternMatch m)
    {
        var axes = Matching.ReduceAxes(m.Node("mean"), m.Graph);
        var varianceAxes = Matching.ReduceAxes(m.Node("variance"), m.Graph);
        if (axes is null || varianceAxes is null || axes.Length == 0) return "the reduced axes are not constant and explicit";
        int? rank = ShapeFacts.RankOf(m["x"]);
        return TrailingAxis(axes, rank) is long axis && TrailingAxis(varianceAxes, rank) == axis ? null : "the means do not both reduce the same trailing axes";
    }

    /// <summary>γ and β must have the normalized shape; without γ, that shape must be known.</summary>
    private static string? AffineProblem(PatternMatch m)
    {
        long k = -Axis(m);
        var normalized = NormalizedDims(m);
        if (!m.Has("scale")) return normalized is null ? "there is no scale and the normalized dims are unknown" : null;
        foreach (string name in new[] { "scale", "bias" }.Where(m.Has))
        {
            m.Graph.TryGetConstant(m[name], out var tensor);
            var dims = tensor.Dims.SkipWhile(d => d == 1).ToArray();
            if (dims.Length != k || (normalized is not null && !dims.SequenceEqual(normalized))) return $"the {name} is not shaped like the normalized dims";
        }
        return null;
    }

    private static Value LayerNormalization(RewriteBuilder b, PatternMatch m)
    {
        var x = m["x"];
        var scale = m.Has("scale") ? WithoutLeadingOnes(b, m["scale"])
            : b.Constant(Ones(ShapeFacts.ElementTypeOf(x)!.Value, NormalizedDims(m)!), m.Output.Name + "_scale");
        Value?[] inputs = m.Has("bias") ? [x, scale, WithoutLeadingOnes(b, m["bias"])] : [x, scale];
        return b.Op("LayerNormalization", inputs, IrAttribute.Int("axis", Axis(m)), IrAttribute.Float("epsilon", (float)m.Scalar("epsilon")));
    }

    /// <summary>The first normalized axis, negative (the checks made sure there is one).</summary>
    private static long Axis(PatternMatch m) => TrailingAxis(Matching.ReduceAxes(m.Node("mean"), m.Graph)!, ShapeFacts.RankOf(m["x"]))!.Value;

    /// <summary>The normalized (trailing) dims of x, when all are known.</summary>
    private static long[]? NormalizedDims(PatternMatch m)
    {
        long k = -Axis(m);
        return ShapeFacts.ShapeOf(m["x"]) is { } shape && shape.Rank >= k && shape.Skip(shape.Rank - (int)k).All(dim => dim.IsKnown)
            ? shape.Skip(shape.Rank - (int)k).Select(dim => dim.Value!.Value).ToArray() : null;
    }

    private static DenseTensor Ones(DataType type, long[] dims) =>
        TensorValues.FromDoubles(type, Enumerable.Repeat(1.0, (int)dims.Aggregate(1L, (p, v) => p * v)).ToArray(), dims);

    /// <summary>The constant itself, or a copy without leading 1 dims (LayerNormalization wants the normalized shape).</summary>
    private static Value WithoutLeadingOnes(RewriteBuilder b, Value constant)
    {
        b.Context.TryGetConstant(constant, out var tensor);
        var dims = tensor.Dims.SkipWhile(d => d == 1).ToArray();
        if (dims.Length == tensor.Dims.Count) return constant;
        return b.Constant(new DenseTensor(tensor.DataType, dims, tensor.GetRawData()), constant.Name + "_squeezed");
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
}
