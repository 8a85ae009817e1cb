using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Rewriting;

namespace OnnxKit.Optimizer.Rules.Cleanup;

/// <summary>
/// Removes nodes that pass their input through unchanged, wiring their consumers to the input.
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
public sealed class NoOpRemovalPass : RewriteRulePass<NoOpRemovalPass.NoOp>
{
    private static readonly HashSet<string> Anchors = new(StringComparer.Ordinal)
    {
        "Identity", "Dropout", "Pad", "Transpose", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Expand", "Cast",
        "Mul", "Div", "Add", "Sub", "Concat", "Sum", "Max", "Min", "Mean",
    };

    /// <summary>A node and the input its output equals.</summary>
    public sealed record NoOp(Node Node, Value Input);

    /// <inheritdoc/>
    public override string Name => "remove-no-ops";

    /// <inheritdoc/>
    public override string Description => "Remove Identity, inference Dropout, zero Pad, identity Transpose, same-shape Reshape, same-type Cast, x*1, x+0.";

    /// <inheritdoc/>
    public override PassLevel Level => PassLevel.Basic;

    /// <inheritdoc/>
    protected override IReadOnlySet<string> AnchorOps => Anchors;

    /// <inheritdoc/>
    protected override RuleCheck<NoOp> Match(Node anchor, GraphContext graph)
    {
        var check = PassThrough(anchor, graph);
        if (check.Match is not { } match) return check;
        if (anchor.Outputs.Skip(1).Any(o => o.Uses.Count > 0 || graph.IsOutput(o))) return Rule.Fail("a second output is used");
        if (!graph.CanReplaceWithoutCopy(anchor.Outputs[0], match.Input))
            return Rule.Fail("its output is a graph output fed by a value that cannot take over the name");
        return match;
    }

    /// <inheritdoc/>
    protected override void Rewrite(NoOp match, GraphContext graph)
    {
        graph.Replace(match.Node.Outputs[0], match.Input);
        graph.RemoveIfUnused(match.Node);
    }

    private static RuleCheck<NoOp> PassThrough(Node node, GraphContext graph)
    {
        var x = node.Inputs.Count > 0 ? node.Inputs[0] : null;
        if (x is null) return Rule.Fail("no data input");
        var pass = new NoOp(node, x);
        switch (node.OpType)
        {
            case "Identity":
                return pass;
            case "Dropout":
                return DropoutIsIdentity(node, graph) is { } reason ? Rule.Fail(reason) : pass;
            case "Pad":
                return PadAmounts(node, graph) is { } pads && pads.All(p => p == 0) ? pass : Rule.Fail("pads are not a constant all-zero list");
            case "Transpose":
                return TransposeIsIdentity(node, x) ? pass : Rule.Fail("the permutation is not the identity");
            case "Cast":
                return ShapeFacts.ElementTypeOf(x) is { } type && node.Attributes.GetInt("to", -1) == (long)type
                    ? pass : Rule.Fail("casts to a different (or unknown) type");
            case "Reshape" or "Flatten" or "Squeeze" or "Unsqueeze" or "Expand":
                return KeepsShape(node, x, graph) ? pass : Rule.Fail("the output shape is not provably the input shape");
            case "Concat" or "Sum" or "Max" or "Min" or "Mean":
                return node.Inputs.Count == 1 ? pass : Rule.Fail("more than one input");
            case "Mul":
                return Neutral(node, graph, 1, commutative: true);
            case "Add":
                return Neutral(node, graph, 0, commutative: true);
            case "Div":
                return Neutral(node, graph, 1, commutative: false);
            case "Sub":
                return Neutral(node, graph, 0, commutative: false);
            default:
                return Rule.Fail("not a pass-through operator");
        }
    }

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

    private static RuleCheck<NoOp> Neutral(Node node, GraphContext graph, double neutral, bool commutative)
    {
        if (node.Inputs.Count != 2 || node.Inputs[0] is not { } a || node.Inputs[1] is not { } b) return Rule.Fail("not two inputs");
        if (graph.Opset < 7 && node.Attributes.GetInt("broadcast", 0) != 0) return Rule.Fail("legacy broadcast attribute");
        if (IsNeutralFor(graph, b, a, neutral)) return new NoOp(node, a);
        if (commutative && IsNeutralFor(graph, a, b, neutral)) return new NoOp(node, b);
        return Rule.Fail($"no operand is a constant {neutral} that leaves the other's shape unchanged");
    }

    private static bool IsNeutralFor(GraphContext graph, Value constant, Value other, double neutral)
    {
        if (!graph.TryGetConstant(constant, out var tensor) || !graph.IsConstantFilledWith(constant, neutral)) return false;
        if (ShapeFacts.ElementTypeOf(other) is { } type && type != tensor.DataType) return false;
        if (tensor.Dims.Count == 0) return true;
        return ShapeFacts.ShapeOf(other) is { } shape && ShapeFacts.BroadcastsInto(tensor.Dims, shape);
    }
}
