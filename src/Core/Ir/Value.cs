namespace OnnxKit.Ir;

/// <summary>
/// A named value flowing through a graph: a graph input, an initializer, or a node
/// output. It knows its producer and every use, and these links are kept current
/// by <see cref="Node"/>; <see cref="ReplaceAllUsesWith"/> is the one way to rewire
/// consumers. An initializer is a value with a <see cref="ConstValue"/>.
/// </summary>
public sealed class Value
{
    private readonly List<Usage> uses = [];

    /// <summary>Creates a free-standing value (a graph input, or a placeholder to wire up).</summary>
    public Value(string name, OnnxType? type = null)
    {
        Name = name;
        Type = type;
    }

    /// <summary>The value's name; unique within a graph and its subgraphs in a valid model. Empty for an omitted optional output.</summary>
    public string Name { get; set; }

    /// <summary>The declared or inferred type, when known.</summary>
    public OnnxType? Type { get; set; }

    /// <summary>The type as a tensor type, when it is one.</summary>
    public TensorType? TensorType => Type as TensorType;

    /// <summary>The doc string of the value's declaration.</summary>
    public string? DocString { get; set; }

    /// <summary>Metadata of the value's declaration, in file order.</summary>
    public List<KeyValuePair<string, string>> Metadata { get; } = [];

    /// <summary>The constant data when this value is an initializer.</summary>
    public ITensor? ConstValue { get; set; }

    /// <summary>The node that computes this value; null for graph inputs and initializers.</summary>
    public Node? Producer { get; private set; }

    /// <summary>Which output of <see cref="Producer"/> this value is.</summary>
    public int ProducerOutputIndex { get; private set; }

    /// <summary>The node inputs that read this value, in the order they were connected.</summary>
    public IReadOnlyList<Usage> Uses => uses;

    /// <summary>
    /// Points every consumer of this value at <paramref name="replacement"/> instead.
    /// Graph outputs are separate: pass <paramref name="graph"/> to redirect its outputs too.
    /// </summary>
    public void ReplaceAllUsesWith(Value replacement, Graph? graph = null)
    {
        if (ReferenceEquals(replacement, this)) return;
        foreach (var use in uses.ToArray()) use.Node.ReplaceInput(use.InputIndex, replacement);
        if (graph is null) return;
        for (int i = 0; i < graph.Outputs.Count; i++)
        {
            if (ReferenceEquals(graph.Outputs[i], this)) graph.Outputs[i] = replacement;
        }
    }

    internal void SetProducer(Node node, int index)
    {
        Producer = node;
        ProducerOutputIndex = index;
    }

    internal void AddUse(Node node, int index) => uses.Add(new Usage(node, index));

    internal void RemoveUse(Node node, int index) => uses.Remove(new Usage(node, index));

    /// <inheritdoc/>
    public override string ToString() => Type is null ? $"%{Name}" : $"%{Name}: {Type}";
}
