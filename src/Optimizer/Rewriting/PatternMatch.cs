using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Rewriting;

/// <summary>
/// A successful match of a <see cref="Pattern"/>: the graph values bound to its variables and named
/// constants, the nodes it covers, and the graph it was found in. Checks read it to decide whether
/// the rewrite is sound; the replacement reads it to build the new nodes.
/// </summary>
public sealed class PatternMatch
{
    private readonly IReadOnlyDictionary<string, Value> values;
    private readonly IReadOnlyDictionary<string, double> scalars;
    private readonly IReadOnlyDictionary<PatternNode, Node> nodes;

    /// <summary>A match over the given bindings (the matcher's own while checks run; copies once accepted).</summary>
    internal PatternMatch(Pattern pattern, Node root, GraphContext graph, IReadOnlyList<Node> matched,
        IReadOnlyDictionary<string, Value> values, IReadOnlyDictionary<string, double> scalars, IReadOnlyDictionary<PatternNode, Node> nodes)
    {
        Pattern = pattern;
        Root = root;
        Graph = graph;
        Nodes = matched;
        this.values = values;
        this.scalars = scalars;
        this.nodes = nodes;
    }

    /// <summary>Which of the rule's patterns matched.</summary>
    public Pattern Pattern { get; }

    /// <summary>The node whose output the rule replaces.</summary>
    public Node Root { get; }

    /// <summary>The value the rule replaces: the root's output the pattern ends in.</summary>
    public Value Output => Root.Outputs[Pattern.RootOutput];

    /// <summary>The graph being rewritten, with its opset and editing helpers.</summary>
    public GraphContext Graph { get; }

    /// <summary>Every node the pattern covers (the root first); they go once nothing else reads them.</summary>
    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>The value bound to variable or constant <paramref name="name"/>.</summary>
    public Value this[string name] => values.TryGetValue(name, out var value) ? value
        : throw new KeyNotFoundException($"The pattern '{Pattern}' binds no value '{name}'.");

    /// <summary>True when the matched pattern binds <paramref name="name"/> (patterns of one rule may bind different names).</summary>
    public bool Has(string name) => values.ContainsKey(name) || scalars.ContainsKey(name) || FindNode(name) is not null;

    /// <summary>The number bound to <see cref="PatternBuilder.Scalar"/> <paramref name="name"/>.</summary>
    public double Scalar(string name) => scalars.TryGetValue(name, out var value) ? value
        : throw new KeyNotFoundException($"The pattern '{Pattern}' binds no scalar '{name}'.");

    /// <summary>The node named <paramref name="name"/> with <see cref="PatternValue.Named"/>.</summary>
    public Node Node(string name) => FindNode(name) ?? throw new KeyNotFoundException($"The pattern '{Pattern}' names no node '{name}'.");

    /// <summary>A copy that no longer follows the matcher's state.</summary>
    internal PatternMatch Snapshot() => new(Pattern, Root, Graph, [.. Nodes],
        new Dictionary<string, Value>(values, StringComparer.Ordinal), new Dictionary<string, double>(scalars, StringComparer.Ordinal),
        new Dictionary<PatternNode, Node>(nodes, ReferenceEqualityComparer.Instance));

    private Node? FindNode(string name)
    {
        foreach (var (patternNode, node) in nodes)
        {
            if (patternNode.BindingName == name) return node;
        }
        return null;
    }
}
