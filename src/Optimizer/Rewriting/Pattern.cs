using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A rewrite pattern: a small graph of <see cref="PatternValue"/>s ending in the value a rule
/// replaces (its root). Built once, with <see cref="Of"/>, and matched at every node of the
/// root's op type.
/// </summary>
/// <remarks>
/// Matching rules, in the order they matter:
/// <list type="bullet">
/// <item>Every matched node is in the graph being rewritten, and none of its attributes refers to
/// a function attribute (whose value is unknown).</item>
/// <item>Commutative operators (Add, Mul, Equal, And, Or, Xor, Max, Min, Sum, Mean and the bitwise
/// ones) match their inputs in any order. An Add or Mul chain of three or more operands in the
/// pattern (<c>a * b * c</c>) matches a chain of any association in the graph whose inner results
/// feed only the chain: both sides are read as one n-ary operation with the same number of operands.</item>
/// <item>A variable used twice must be the same value; a pattern node used twice matches the same
/// node, or two nodes computing the same thing (same operator and attributes, matching inputs).</item>
/// <item>A node matches only with exactly the inputs the pattern lists, unless
/// <see cref="PatternValue.AllowingOtherInputs"/> was asked for.</item>
/// </list>
/// </remarks>
public sealed class Pattern
{
    private readonly ThreadLocal<PatternMatcher> matchers;

    private Pattern(string name, PatternNode root, int rootOutput, int nodeCount)
    {
        Name = name;
        Root = root;
        RootOutput = rootOutput;
        NodeCount = nodeCount;
        matchers = new ThreadLocal<PatternMatcher>(() => new PatternMatcher(this));
    }

    /// <summary>A name for the trace and for replacements that depend on which pattern matched.</summary>
    public string Name { get; }

    /// <summary>The pattern node whose output the rule replaces.</summary>
    internal PatternNode Root { get; }

    /// <summary>Which output of the root is replaced.</summary>
    internal int RootOutput { get; }

    /// <summary>The number of distinct pattern nodes.</summary>
    internal int NodeCount { get; }

    /// <summary>Builds a pattern: <paramref name="body"/> writes it with a fresh builder and returns its root value.</summary>
    public static Pattern Of(Func<PatternBuilder, PatternValue> body, string? name = null)
    {
        var root = body(new PatternBuilder());
        if (root.Kind != PatternKind.NodeOutput) throw new ArgumentException("A pattern must end in the output of an operator.", nameof(body));
        var nodes = new List<PatternNode>();
        Count(root, nodes);
        foreach (var node in nodes) node.ChainOperands = Chain(node);
        return new Pattern(name ?? root.Node!.OpType, root.Node!, root.OutputIndex, nodes.Count);
    }

    /// <summary>This thread's matcher for the pattern (patterns are shared by every pass instance, matchers keep state).</summary>
    internal PatternMatcher Matcher => matchers.Value!;

    /// <summary>The op type of the root.</summary>
    internal string RootOpType => Root.OpType;

    /// <summary>True when <paramref name="node"/> has the root's domain and op type.</summary>
    internal bool RootAccepts(Node node) => Root.Accepts(node);

    /// <summary>Counts references to every pattern node reachable from <paramref name="value"/>.</summary>
    private static void Count(PatternValue value, List<PatternNode> nodes)
    {
        if (value.Kind == PatternKind.OneOf)
        {
            foreach (var alternative in value.Alternatives) Count(alternative, nodes);
            return;
        }
        if (value.Node is not { } node) return;
        if (node.References++ > 0) return;
        nodes.Add(node);
        foreach (var input in node.Inputs)
        {
            if (input is not null) Count(input, nodes);
        }
    }

    /// <summary>The operands of an Add/Mul chain of three or more, opening inner nodes of the same operator used only here.</summary>
    private static IReadOnlyList<PatternValue>? Chain(PatternNode node)
    {
        if (!node.IsAssociative || node.Inputs.Count != 2 || node.AllowOtherInputs) return null;
        var operands = new List<PatternValue>();
        void Open(PatternValue? value)
        {
            if (value is { Kind: PatternKind.NodeOutput, OutputIndex: 0, Node: { } inner } && inner.OpType == node.OpType && inner.Domain == node.Domain
                && inner.References == 1 && inner.Inputs.Count == 2 && inner.BindingName is null && inner.Attributes.Count == 0 && inner.AttributePredicates.Count == 0)
            {
                Open(inner.Inputs[0]);
                Open(inner.Inputs[1]);
            }
            else if (value is not null) operands.Add(value);
        }
        Open(node.Inputs[0]);
        Open(node.Inputs[1]);
        return operands.Count > 2 ? operands : null;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
