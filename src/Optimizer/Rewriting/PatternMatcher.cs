using System.Runtime.CompilerServices;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// Matches one <see cref="Pattern"/> at one root node by backtracking search. Every choice the
/// pattern leaves open (the order of a commutative node's inputs, the assignment of a chain's
/// operands, a <see cref="PatternBuilder.OneOf"/>) is tried in turn, and a complete structural
/// match is accepted only when <c>accept</c> (the rule's checks) finds no reason against it; a
/// rejected match backtracks into the remaining choices. Bindings are undone through a trail.
/// </summary>
/// <remarks>
/// When nothing matches, <see cref="Reason"/> says why: the reason a check gave, or else the
/// structural mismatch found deepest in the pattern (the most informative one). Mismatches are
/// described only when the pass is traced (<c>--explain</c>); otherwise the reason is a placeholder.
/// A matcher is reused for every node its pattern is tried at (one per pattern and thread, see
/// <see cref="Pattern"/>), so trying a rule allocates little.
/// </remarks>
internal sealed class PatternMatcher
{
    private readonly Pattern pattern;
    private readonly Dictionary<string, Value> values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double> scalars = new(StringComparer.Ordinal);
    private readonly Dictionary<PatternNode, Node> nodeOf = new(ReferenceEqualityComparer.Instance);
    private readonly List<Node> matched = [];
    private readonly HashSet<Node> matchedSet = new(ReferenceEqualityComparer.Instance);
    private readonly List<Binding> trail = [];
    private GraphContext graph = null!;
    private Func<PatternMatch, string?> accept = null!;
    private bool explain;
    private Node root = null!;
    private PatternMatch? result;
    private string? checkFailure;
    private (int Depth, string Reason)? deepest;

    public PatternMatcher(Pattern pattern) => this.pattern = pattern;

    /// <summary>Why the last <see cref="Match"/> found nothing.</summary>
    public string Reason => checkFailure ?? deepest?.Reason ?? "no match (run with a trace for the reason)";

    /// <summary>True when the last failure was a check's (the structure matched).</summary>
    public bool FailedInChecks => checkFailure is not null;

    /// <summary>
    /// The first match of the pattern rooted at <paramref name="node"/> of <paramref name="graph"/> that
    /// <paramref name="accept"/> finds no reason against, or null.
    /// </summary>
    public PatternMatch? Match(Node node, GraphContext graph, Func<PatternMatch, string?> accept)
    {
        this.graph = graph;
        this.accept = accept;
        explain = graph.Model.Pass.Trace is not null;
        root = node;
        result = null;
        checkFailure = null;
        deepest = null;
        if (pattern.RootOutput >= node.Outputs.Count)
        {
            deepest = (0, $"{node.OpType} has no output {pattern.RootOutput}");
            Release();
            return null;
        }
        MatchNode(pattern.Root, pattern.RootOutput, node.Outputs[pattern.RootOutput], 0, Complete);
        Undo(0);
        var found = result;
        Release();
        return found;
    }

    /// <summary>
    /// Drops the references to the graph just matched: a matcher is kept per pattern and thread for
    /// the life of the process, and must not keep a model (and its weights) alive after the pass.
    /// </summary>
    private void Release()
    {
        graph = null!;
        accept = null!;
        root = null!;
        result = null;
    }

    private bool Complete()
    {
        var candidate = new PatternMatch(pattern, root, graph, matched, values, scalars, nodeOf);
        string? reason = accept(candidate);
        if (reason is null)
        {
            result = candidate.Snapshot();
            return true;
        }
        checkFailure ??= reason;
        return false;
    }

    private bool MatchValue(PatternValue pattern, Value? value, int depth, Func<bool> next)
    {
        switch (pattern.Kind)
        {
            case PatternKind.Variable:
                return value is null ? Fail(depth, $"'{pattern.Name}' is an omitted input") : Bind(pattern.Name!, value, depth, next);
            case PatternKind.ConstantTensor:
                return graph.TryGetConstant(value, out _) ? Bind(pattern.Name!, value!, depth, next) : Fail(depth, $"'{pattern.Name}' is {Found(value)}, not a constant");
            case PatternKind.Number:
                return Matching.Near(Matching.UniformConstant(graph, value), pattern.Number) ? next()
                    : Fail(depth, $"expected the constant {pattern}, found {Found(value)}");
            case PatternKind.Scalar:
                return MatchScalar(pattern.Name!, value, depth, next);
            case PatternKind.OneOf:
                foreach (var alternative in pattern.Alternatives)
                {
                    if (MatchValue(alternative, value, depth, next)) return true;
                }
                return false;
            default:
                return MatchNode(pattern.Node!, pattern.OutputIndex, value, depth, next);
        }
    }

    private bool Bind(string name, Value value, int depth, Func<bool> next)
    {
        if (values.TryGetValue(name, out var bound))
            return ReferenceEquals(bound, value) ? next() : Fail(depth, $"'{name}' is not the same value at each of its uses");
        int mark = trail.Count;
        values[name] = value;
        trail.Add(new Binding(name, null, null));
        if (next()) return true;
        Undo(mark);
        return false;
    }

    private bool MatchScalar(string name, Value? value, int depth, Func<bool> next)
    {
        if (Matching.UniformConstant(graph, value) is not double number) return Fail(depth, $"'{name}' is {Found(value)}, not a constant with equal elements");
        if (scalars.TryGetValue(name, out double bound))
            return Matching.Near(number, bound) ? next() : Fail(depth, $"'{name}' is {bound} in one place and {number} in another");
        int mark = trail.Count;
        scalars[name] = number;
        values[name] = value!;
        trail.Add(new Binding(name, null, null));
        if (next()) return true;
        Undo(mark);
        return false;
    }

    private bool MatchNode(PatternNode pattern, int outputIndex, Value? value, int depth, Func<bool> next)
    {
        if (value?.Producer is not { } node || node.Graph != graph.Graph || value.ProducerOutputIndex != outputIndex || !pattern.Accepts(node))
            return Fail(depth, $"expected {pattern}, found {Found(value)}");
        if (node.Attributes.Any(a => a.RefAttributeName is not null)) return Fail(depth, $"an attribute of {pattern} refers to a function attribute");
        foreach (var required in pattern.Attributes)
        {
            if (node.Attributes[required.Name] is not { } actual || !AttributeValues.Equal(actual, required))
                return Fail(depth, $"{pattern} does not have {required}");
        }
        foreach (var (name, predicate) in pattern.AttributePredicates)
        {
            if (!predicate(node.Attributes[name])) return Fail(depth, $"{pattern}'s attribute '{name}' does not qualify");
        }
        int mark = trail.Count;
        if (nodeOf.TryGetValue(pattern, out var earlier))
        {
            if (ReferenceEquals(earlier, node)) return next();
            if (!SameComputation(earlier, node)) return Fail(depth, $"the two {pattern} the pattern shares are different computations");
        }
        else
        {
            nodeOf[pattern] = node;
            trail.Add(new Binding(null, pattern, null));
        }
        Include(node);
        bool found = pattern.ChainOperands is { } operands ? MatchChain(pattern, operands, node, depth, next) : MatchInputs(pattern, node, depth, next);
        if (!found) Undo(mark);
        return found;
    }

    private bool MatchInputs(PatternNode pattern, Node node, int depth, Func<bool> next)
    {
        int count = pattern.Inputs.Count;
        if (node.Inputs.Count < count || (node.Inputs.Count > count && !pattern.AllowOtherInputs))
            return Fail(depth, $"{pattern} has {node.Inputs.Count} inputs, the pattern {count}");
        if (!pattern.IsCommutative || count < 2 || count > 4) return MatchSequence(pattern.Inputs, node.Inputs, 0, depth + 1, next);
        if (count == 2)
        {
            return MatchSequence(pattern.Inputs, node.Inputs, 0, depth + 1, next)
                || MatchSequence(pattern.Inputs, [node.Inputs[1], node.Inputs[0]], 0, depth + 1, next);
        }
        foreach (var order in Permutations(count))
        {
            var inputs = order.Select(i => node.Inputs[i]).ToArray();
            if (MatchSequence(pattern.Inputs, inputs, 0, depth + 1, next)) return true;
        }
        return false;
    }

    private bool MatchSequence(IReadOnlyList<PatternValue?> patterns, IReadOnlyList<Value?> inputs, int index, int depth, Func<bool> next)
    {
        if (index == patterns.Count) return next();
        if (patterns[index] is not { } pattern)
            return inputs[index] is null ? MatchSequence(patterns, inputs, index + 1, depth, next) : Fail(depth, $"input {index} should be omitted");
        return MatchValue(pattern, inputs[index], depth, () => MatchSequence(patterns, inputs, index + 1, depth, next));
    }

    /// <summary>An Add/Mul chain: the graph's chain (read as <see cref="Matching.Operands"/> reads it) against the pattern's operands, in any assignment.</summary>
    private bool MatchChain(PatternNode pattern, IReadOnlyList<PatternValue> operands, Node node, int depth, Func<bool> next)
    {
        var (found, inner) = Matching.Operands(node, graph);
        if (found.Count != operands.Count) return Fail(depth, $"the {pattern} chain has {found.Count} operands, the pattern {operands.Count}");
        foreach (var n in inner) Include(n);
        return Assign(operands, found, new bool[found.Count], 0, depth + 1, next);
    }

    private bool Assign(IReadOnlyList<PatternValue> operands, List<Value> found, bool[] taken, int index, int depth, Func<bool> next)
    {
        if (index == operands.Count) return next();
        for (int j = 0; j < found.Count; j++)
        {
            if (taken[j]) continue;
            taken[j] = true;
            bool ok = MatchValue(operands[index], found[j], depth, () => Assign(operands, found, taken, index + 1, depth, next));
            taken[j] = false;
            if (ok) return true;
        }
        return false;
    }

    private void Include(Node node)
    {
        if (!matchedSet.Add(node)) return;
        matched.Add(node);
        trail.Add(new Binding(null, null, node));
    }

    private void Undo(int mark)
    {
        for (int i = trail.Count - 1; i >= mark; i--)
        {
            var (name, patternNode, node) = trail[i];
            if (name is not null)
            {
                values.Remove(name);
                scalars.Remove(name);
            }
            else if (patternNode is not null) nodeOf.Remove(patternNode);
            else
            {
                matchedSet.Remove(node!);
                matched.RemoveAt(matched.Count - 1);
            }
        }
        trail.RemoveRange(mark, trail.Count - mark);
    }

    /// <summary>True when a mismatch at <paramref name="depth"/> would be the deepest so far (so its reason is worth formatting).</summary>
    internal bool KeepsMismatchAt(int depth) => explain && (deepest is null || depth > deepest.Value.Depth);

    private bool Fail(int depth, [InterpolatedStringHandlerArgument("", "depth")] ref MismatchReason reason)
    {
        if (KeepsMismatchAt(depth)) deepest = (depth, reason.ToStringAndClear());
        return false;
    }

    /// <summary>Same operator and attributes: two nodes that compute the same thing from the same inputs.</summary>
    private static bool SameComputation(Node a, Node b) =>
        a.OpType == b.OpType && DomainNames.Same(a.Domain, b.Domain) && a.Attributes.Count == b.Attributes.Count
        && a.Attributes.All(x => b.Attributes[x.Name] is { } y && AttributeValues.Equal(x, y));

    private static string Found(Value? value) => value switch
    {
        null => "no input",
        { Producer: { } p } => p.OpType,
        { ConstValue: not null } => $"initializer '{value.Name}'",
        _ => $"'{value.Name}'",
    };

    private static IEnumerable<int[]> Permutations(int count)
    {
        var order = Enumerable.Range(0, count).ToArray();
        return Permute(order, 0);
    }

    private static IEnumerable<int[]> Permute(int[] order, int start)
    {
        if (start == order.Length)
        {
            yield return (int[])order.Clone();
            yield break;
        }
        for (int i = start; i < order.Length; i++)
        {
            (order[start], order[i]) = (order[i], order[start]);
            foreach (var permutation in Permute(order, start + 1)) yield return permutation;
            (order[start], order[i]) = (order[i], order[start]);
        }
    }

    /// <summary>One entry of the trail: a variable or constant bound by name, a pattern node's first match, or a node taken into the match.</summary>
    private readonly record struct Binding(string? Name, PatternNode? PatternNode, Node? Node);
}
