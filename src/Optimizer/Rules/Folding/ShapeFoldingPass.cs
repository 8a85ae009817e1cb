using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Folding;

/// <summary>
/// Replaces shape computations whose result the known shapes already fix by constants:
/// Shape(x) (with opset 15's start/end) and Size(x) when the dims read are known, and
/// Gather or Slice over Shape(x) when the dims they select are known, even if other dims of x
/// are symbolic. Constant folding then carries the result through the arithmetic that follows.
/// </summary>
/// <remarks>
/// Shapes come from the values' declared or inferred types. A folded value that is a graph
/// output is left alone (an initializer cannot carry an output's name).
/// </remarks>
public sealed class ShapeFoldingPass : RewriteRulePass<ShapeFoldingPass.Folded>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal) { "Shape", "Size", "Gather", "Slice" };

    /// <summary>A node and the constant that replaces its output.</summary>
    public sealed record Folded(Node Node, ITensor Value);

    /// <inheritdoc/>
    public override string Name => "fold-shapes";

    /// <inheritdoc/>
    public override string Description => "Replace Shape/Size (and Gather/Slice of a Shape) by constants where the dims are known.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<Folded> Match(Node anchor, GraphContext graph)
    {
        if (!graph.UsesConstantNodes && graph.IsOutput(anchor.Outputs[0])) return Rule.Fail("the result is a graph output");
        if (anchor.Inputs.Count == 0 || anchor.Inputs[0] is not { } x) return Rule.Fail("no input");
        switch (anchor.OpType)
        {
            case "Shape":
            {
                if (ShapeFacts.ShapeOf(x) is not { } shape) return Rule.Fail("the input's rank is unknown");
                var dims = SliceOf(shape.ToList(), anchor.Attributes.GetInt("start", 0), anchor.Attributes["end"]?.AsInt());
                return Known(anchor, dims);
            }
            case "Size":
                return ShapeFacts.StaticSizes(x) is { } sizes
                    ? new Folded(anchor, DenseTensor.FromInt64s([sizes.Aggregate(1L, (p, s) => p * s)], []))
                    : Rule.Fail("the input's shape is not fully known");
            case "Gather":
            {
                if (ShapeOfShape(x) is not { } dims) return Rule.Fail("the data is not the output of Shape over a known rank");
                if (anchor.Attributes.GetInt("axis", 0) != 0) return Rule.Fail("axis is not 0");
                if (!graph.TryGetConstant(anchor.Inputs.ElementAtOrDefault(1), out var indices)) return Rule.Fail("the indices are not constant");
                var picked = new List<Dim>();
                foreach (long i in indices.ToInt64Array())
                {
                    long k = i < 0 ? i + dims.Count : i;
                    if (k < 0 || k >= dims.Count) return Rule.Fail("an index is out of range");
                    picked.Add(dims[(int)k]);
                }
                if (picked.Any(d => !d.IsKnown)) return Rule.Fail("a selected dim is not known");
                return new Folded(anchor, DenseTensor.FromInt64s(picked.Select(d => d.Value!.Value).ToArray(), indices.Dims.ToArray()));
            }
            default:
            {
                if (ShapeOfShape(x) is not { } dims) return Rule.Fail("the data is not the output of Shape over a known rank");
                if (SliceParameters(anchor, graph) is not { } p) return Rule.Fail("the slice parameters are not constant");
                if (p.Axes.Length > 1 || (p.Axes.Length == 1 && p.Axes[0] is not (0 or -1))) return Rule.Fail("slices more than one axis");
                if (p.Steps.Length == 1 && p.Steps[0] != 1) return Rule.Fail("the step is not 1");
                if (p.Starts.Length != 1 || p.Ends.Length != 1) return Rule.Fail("not a single start and end");
                return Known(anchor, SliceOf(dims, p.Starts[0], p.Ends[0]));
            }
        }
    }

    /// <inheritdoc/>
    protected override void Rewrite(Folded match, GraphContext graph)
    {
        graph.ReplaceWithConstant(match.Node.Outputs[0], match.Value, match.Node);
        graph.RemoveIfUnused(match.Node);
    }

    private static RuleCheck<Folded> Known(Node node, List<Dim> dims)
    {
        if (dims.Any(d => !d.IsKnown)) return Rule.Fail("a dim it reads is not known");
        long[] values = dims.Select(d => d.Value!.Value).ToArray();
        return new Folded(node, TensorValues.Int64Vector(values));
    }

    /// <summary>The dims of x when <paramref name="value"/> is Shape(x) (whole, no start/end) and x's rank is known.</summary>
    private static List<Dim>? ShapeOfShape(Value value)
    {
        if (value.Producer is not { OpType: "Shape", IsDefaultDomain: true } shape || shape.Inputs[0] is not { } x) return null;
        if (ShapeFacts.ShapeOf(x) is not { } dims) return null;
        return SliceOf(dims.ToList(), shape.Attributes.GetInt("start", 0), shape.Attributes["end"]?.AsInt());
    }

    /// <summary>Python-style slicing with clamping, as Shape's start/end and Slice define it.</summary>
    private static List<Dim> SliceOf(List<Dim> dims, long start, long? end)
    {
        long n = dims.Count;
        long s = Math.Clamp(start < 0 ? start + n : start, 0, n);
        long e = Math.Clamp(end is long v ? (v < 0 ? v + n : v) : n, 0, n);
        return e > s ? dims.GetRange((int)s, (int)(e - s)) : [];
    }

    private sealed record SliceArgs(long[] Starts, long[] Ends, long[] Axes, long[] Steps);

    private static SliceArgs? SliceParameters(Node slice, GraphContext graph)
    {
        if (graph.Opset < 10)
        {
            return slice.Attributes.GetInts("starts") is { } starts && slice.Attributes.GetInts("ends") is { } ends
                ? new SliceArgs(starts.ToArray(), ends.ToArray(), slice.Attributes.GetInts("axes")?.ToArray() ?? [], [])
                : null;
        }
        long[]? Read(int i) => slice.Inputs.ElementAtOrDefault(i) is null ? [] : graph.TryGetConstant(slice.Inputs[i], out var t) ? t.ToInt64Array() : null;
        return Read(1) is { } s && Read(2) is { } e && Read(3) is { } a && Read(4) is { } st ? new SliceArgs(s, e, a, st) : null;
    }
}
