using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Cleanup;

/// <summary>
/// Removes nodes that pass their input through unchanged, wiring their consumers to the input.
/// Each case is a declarative rule whose replacement is the input itself.
/// </summary>
/// <remarks>
/// Cases: Identity; Dropout in inference (opset 7+, or is_test set before 7; training_mode absent
/// or constant false; mask unused); Pad whose pads are all zero; Transpose with the identity
/// permutation; Reshape, Flatten, Squeeze, Unsqueeze and Expand whose output shape is provably
/// the input shape; Cast to the input's own type; Mul or Div by a constant 1 and Add or Sub of a
/// constant 0 whose constant does not broadcast the other operand to a larger shape; Concat,
/// Sum, Max, Min and Mean of a single input. A no-op whose output is a graph output fed directly
/// by a graph input is kept, since removing it would need an Identity anyway.
/// </remarks>
public sealed class NoOpRemovalPass : PatternRewritePass
{
    /// <summary>Removing the node must not need an Identity to keep a graph output's name.</summary>
    private static readonly MatchCheck KeepsOutputName = new("output-name",
        m => m.Graph.CanReplaceWithoutCopy(m.Output, m["x"]) ? null : "its output is a graph output fed by a value that cannot take over the name");

    private static readonly MatchCheck NoLegacyBroadcast = new("broadcast",
        m => m.Graph.Opset < 7 && m.Root.Attributes.GetInt("broadcast", 0) != 0 ? "legacy broadcast attribute" : null);

    /// <inheritdoc/>
    public override string Name => "remove-no-ops";

    /// <inheritdoc/>
    public override string Description => "Remove Identity, inference Dropout, zero Pad, identity Transpose, same-shape Reshape, same-type Cast, x*1, x+0.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    protected override IReadOnlyList<RewriteRule> Rules { get; } =
    [
        PassThrough("identity", "Identity"),
        PassThrough("inference-dropout", "Dropout", new MatchCheck("inference", m => DropoutIsIdentity(m.Root, m.Graph))),
        PassThrough("zero-pad", "Pad", new MatchCheck("zero-pads",
            m => PadAmounts(m.Root, m.Graph) is { } pads && pads.All(p => p == 0) ? null : "pads are not a constant all-zero list")),
        PassThrough("identity-transpose", "Transpose", new MatchCheck("identity-permutation",
            m => TransposeIsIdentity(m.Root, m["x"]) ? null : "the permutation is not the identity")),
        PassThrough("same-type-cast", "Cast", new MatchCheck("same-type",
            m => ShapeFacts.ElementTypeOf(m["x"]) is { } type && m.Root.Attributes.GetInt("to", -1) == (long)type ? null : "casts to a different (or unknown) type")),
        .. new[] { "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Expand" }.Select(op => PassThrough($"same-shape-{op.ToLowerInvariant()}", op, new MatchCheck("same-shape",
            m => KeepsShape(m.Root, m["x"], m.Graph) ? null : "the output shape is not provably the input shape"))),
        .. new[] { "Concat", "Sum", "Max", "Min", "Mean" }.Select(op => Rule($"single-input-{op.ToLowerInvariant()}", p => p.Op(op, [p.Var("x")]))),
        Neutral("times-one", (x, c) => x * c, 1),
        Neutral("plus-zero", (x, c) => x + c, 0),
        Neutral("divided-by-one", (x, c) => x / c, 1),
        Neutral("minus-zero", (x, c) => x - c, 0),
    ];

    /// <summary>A node of <paramref name="opType"/> whose first input x comes out unchanged when <paramref name="checks"/> hold.</summary>
    private static RewriteRule PassThrough(string name, string opType, params MatchCheck[] checks) =>
        Rule(name, p => p.Op(opType, [p.Var("x")]).AllowingOtherInputs(), checks);

    /// <summary>x op c, where the constant c is the operation's neutral element and does not broadcast x.</summary>
    private static RewriteRule Neutral(string name, Func<PatternValue, PatternValue, PatternValue> op, double neutral) =>
        Rule(name, p => op(p.Var("x"), p.ConstantTensor("c")), NoLegacyBroadcast, new MatchCheck("neutral",
            m => IsNeutralFor(m.Graph, m["c"], m["x"], neutral) ? null : $"no operand is a constant {neutral} that leaves the other's shape unchanged"));

    private static RewriteRule Rule(string name, Func<PatternBuilder, PatternValue> pattern, params MatchCheck[] checks) => new(name)
    {
        Patterns = [Pattern.Of(pattern)],
        Checks = [.. checks, KeepsOutputName],
        Replacement = (_, m) => m["x"],
    };

    private static string? DropoutIsIdentity(Node node, GraphContext graph)
    {
        if (graph.Opset < 7 && node.Attributes.GetInt("is_test", 0) == 0) return "is_test is not set (training mode before opset 7)";
        if (node.Inputs.Count > 2 && node.Inputs[2] is { } training && !graph.IsConstantFilledWith(training, 0))
            return "training_mode is not a constant false";
        return null;
    }

    /// <summary>The pads of a Pad node (attribute before opset 11, constant input after), or null when not constant.</summary>
    internal static long[]? PadAmounts(Node pad, GraphContext graph)
    {
        if (graph.Opset < 11) return pad.Attributes.GetInts(graph.Opset < 2 ? "paddings" : "pads")?.ToArray();
        return pad.Inputs.Count > 1 && graph.TryGetConstant(pad.Inputs[1], out var pads) ? pads.ToInt64Array() : null;
    }

    private static bool TransposeIsIdentity(Node node, Value x)
    {
        var perm = node.Attributes.GetInts("perm");
        if (perm is null) return ShapeFacts.RankOf(x) is <= 1;
        return perm.Select((p, i) => p == i).All(b => b);
    }

    private static bool KeepsShape(Node node, Value x, GraphContext graph)
    {
        var input = ShapeFacts.ShapeOf(x);
        if (input is null) return false;
        if (ShapeFacts.ShapeOf(node.Outputs[0]) is { } output && input.IsStatic && output.IsStatic)
            return ReshapeTargets.SameShape(input, output);
        switch (node.OpType)
        {
            case "Reshape":
            {
                long[]? target = graph.Opset < 5 ? node.Attributes.GetInts("shape")?.ToArray()
                    : graph.TryGetConstant(node.Inputs.ElementAtOrDefault(1), out var t) ? t.ToInt64Array() : null;
                return target is not null && ReshapeTargets.Resolve(input, target, node.Attributes.GetInt("allowzero", 0) != 0) is { } shape
                    && ReshapeTargets.SameShape(input, shape);
            }
            case "Expand":
                return graph.TryGetConstant(node.Inputs.ElementAtOrDefault(1), out var s) && ShapeFacts.BroadcastsInto(s.ToInt64Array(), input);
            case "Flatten":
            {
                long axis = node.Attributes.GetInt("axis", 1);
                if (axis < 0) axis += input.Rank;
                return input.Rank == 2 && axis == 1;
            }
            default:
                return false;
        }
    }

    private static bool IsNeutralFor(GraphContext graph, Value constant, Value other, double neutral)
    {
        if (!graph.TryGetConstant(constant, out var tensor) || !graph.IsConstantFilledWith(constant, neutral)) return false;
        if (ShapeFacts.ElementTypeOf(other) is { } type && type != tensor.DataType) return false;
        if (tensor.Dims.Count == 0) return true;
        return ShapeFacts.ShapeOf(other) is { } shape && ShapeFacts.BroadcastsInto(tensor.Dims, shape);
    }
}
