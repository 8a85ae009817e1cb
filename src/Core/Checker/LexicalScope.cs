using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// The value names one graph has defined so far, linked to the scopes of its enclosing graphs.
/// Names decide validity (they are what a file holds); the value objects are tracked too, so an
/// in-memory model whose node reads a different object of a defined name is caught.
/// </summary>
internal sealed class LexicalScope
{
    private readonly Dictionary<string, Value?> names = new(StringComparer.Ordinal);
    private readonly HashSet<Value> values = new(ReferenceEqualityComparer.Instance);

    public LexicalScope(LexicalScope? parent, Graph graph, string path)
    {
        Parent = parent;
        Graph = graph;
        Path = path;
    }

    public LexicalScope? Parent { get; }

    public Graph Graph { get; }

    /// <summary>The graph's location, for messages.</summary>
    public string Path { get; }

    /// <summary>Set when some node read a value of this graph before the node computing it (the order is then analysed for cycles).</summary>
    public bool HasOrderProblem { get; set; }

    /// <summary>True when this graph itself (not an enclosing one) defines <paramref name="name"/>.</summary>
    public bool DefinesLocally(string name) => names.ContainsKey(name);

    /// <summary>True when an enclosing graph defines <paramref name="name"/> (before the node holding this graph).</summary>
    public bool DefinedOutside(string name)
    {
        for (var scope = Parent; scope is not null; scope = scope.Parent)
        {
            if (scope.names.ContainsKey(name)) return true;
        }
        return false;
    }

    /// <summary>
    /// Records a definition. <paramref name="value"/> is null for a sparse initializer, which has a
    /// name but no IR value of its own. The first definition of a name wins lookups.
    /// </summary>
    public void Define(string name, Value? value)
    {
        names.TryAdd(name, value);
        if (value is not null) values.Add(value);
    }

    /// <summary>How a value read by a node relates to what is visible.</summary>
    public Visibility Lookup(Value value)
    {
        bool nameSeen = false;
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (scope.values.Contains(value)) return scope == this ? Visibility.Local : Visibility.Outer;
            if (scope.names.TryGetValue(value.Name, out var defined))
            {
                if (defined is null && value.Producer is null) return scope == this ? Visibility.Local : Visibility.Outer;
                nameSeen = true;
            }
        }
        return nameSeen ? Visibility.OtherObjectOfSameName : Visibility.None;
    }

    /// <summary>The scope of <paramref name="graph"/> when it is this graph or an enclosing one, else null.</summary>
    public LexicalScope? ScopeOf(Graph? graph)
    {
        for (var scope = this; scope is not null; scope = scope.Parent)
        {
            if (ReferenceEquals(scope.Graph, graph)) return scope;
        }
        return null;
    }

    /// <summary>Where a value stands relative to a scope.</summary>
    public enum Visibility
    {
        /// <summary>Not visible, and no visible value has its name.</summary>
        None,

        /// <summary>Defined by this graph.</summary>
        Local,

        /// <summary>Defined by an enclosing graph before the node holding this graph.</summary>
        Outer,

        /// <summary>A visible value has this name, but it is another object.</summary>
        OtherObjectOfSameName,
    }
}
