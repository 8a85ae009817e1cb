using OnnxKit.Ir;

namespace OnnxKit.ShapeInference.Rules;

/// <summary>Reductions over axes (Reduce*) and ArgMax/ArgMin.</summary>
internal static class ReductionRules
{
    private static readonly string[] ReduceOps =
    [
        "ReduceL1", "ReduceL2", "ReduceLogSum", "ReduceLogSumExp", "ReduceMax", "ReduceMean", "ReduceMin", "ReduceProd",
        "ReduceSum", "ReduceSumSquare",
    ];

    public static void Register(IDictionary<string, ShapeRule> rules)
    {
        foreach (var op in ReduceOps) rules[op] = Reduce;
        rules["ArgMax"] = ArgReduce;
        rules["ArgMin"] = ArgReduce;
    }

    /// <summary>
    /// Reduce*: axes are an attribute until ReduceSum-13 and the others' version 18, then an input;
    /// no axes means all (or, with noop_with_empty_axes, none).
    /// </summary>
    private static void Reduce(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        bool keepDims = context.Int("keepdims", 1) != 0;
        bool axesAreInput = context.Opset >= (context.Node.OpType == "ReduceSum" ? 13 : 18);
        IReadOnlyList<long>? axes;
        if (axesAreInput && context.HasInput(1))
        {
            axes = context.InputInts(1);
            if (axes is null)
            {
                context.SetOutput(0, keepDims ? RuleSupport.UnknownOfRank(input.Rank) : null);
                return;
            }
        }
        else
        {
            axes = axesAreInput ? null : context.Ints("axes");
        }
        if (axes is null || axes.Count == 0)
        {
            if (axesAreInput && context.Int("noop_with_empty_axes", 0) != 0)
            {
                context.SetOutput(0, input);
                return;
            }
            axes = Enumerable.Range(0, input.Rank).Select(i => (long)i).ToArray();
        }
        var reduced = axes.Select(a => context.Axis(a, input.Rank, "reduce axis")).ToHashSet();
        context.SetOutput(0, Reduced(input, reduced, keepDims));
    }

    private static void ArgReduce(NodeContext context)
    {
        if (context.InputShape(0) is not { } input) return;
        int axis = context.Axis(context.Int("axis", 0), input.Rank);
        context.SetOutput(0, Reduced(input, new HashSet<int> { axis }, context.Int("keepdims", 1) != 0));
    }

    private static Shape Reduced(Shape input, IReadOnlySet<int> axes, bool keepDims) =>
        new(input.Select((d, i) => (d, i)).Where(p => keepDims || !axes.Contains(p.i)).Select(p => axes.Contains(p.i) ? Dim.Of(1) : p.d));
}
