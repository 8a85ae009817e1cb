namespace OnnxKit.Ir;

/// <summary>
/// Hands out value and node names not used anywhere in a model (all graphs, subgraphs and
/// functions), derived deterministically from a hint: <c>hint</c>, then <c>hint_1</c>, <c>hint_2</c>, ...
/// </summary>
public sealed class NameAllocator
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> nextSuffix = new(StringComparer.Ordinal);

    /// <summary>An allocator with no name taken yet (for a model being built from scratch).</summary>
    public NameAllocator()
    {
    }

    /// <summary>Collects every name already in <paramref name="model"/>.</summary>
    public NameAllocator(Model model)
    {
        foreach (var graph in model.AllGraphs())
        {
            foreach (var v in graph.Inputs) used.Add(v.Name);
            foreach (var v in graph.Initializers) used.Add(v.Name);
            foreach (var v in graph.Outputs) used.Add(v.Name);
            foreach (var node in graph.Nodes)
            {
                if (node.Name is { } name) used.Add(name);
                foreach (var output in node.Outputs) used.Add(output.Name);
                foreach (var input in node.Inputs)
                {
                    if (input is not null) used.Add(input.Name);
                }
            }
        }
    }

    /// <summary>Marks <paramref name="name"/> as taken; false when it already was.</summary>
    public bool Reserve(string name) => used.Add(name);

    /// <summary>A new unused name based on <paramref name="hint"/>, now reserved.</summary>
    public string Fresh(string hint)
    {
        if (hint.Length == 0) hint = "v";
        if (used.Add(hint)) return hint;
        int n = nextSuffix.GetValueOrDefault(hint, 1);
        string candidate;
        do candidate = $"{hint}_{n++}";
        while (!used.Add(candidate));
        nextSuffix[hint] = n;
        return candidate;
    }
}
