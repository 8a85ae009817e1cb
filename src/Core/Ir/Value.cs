namespace OnnxKit.Ir;

/// <summary>
/// A named value flowing through a graph: a graph input, an initializer, or a node output. It
/// knows its producer, every use, the graph that defines it, and its roles in that graph (graph
/// input, initializer, graph output); the graph's containers and <see cref="Node"/> keep these
/// current, so asking any of them is O(1). <see cref="ReplaceAllUsesWith"/> is the one way to
/// rewire consumers. An initializer is a value with a <see cref="ConstValue"/>.
/// </summary>
public sealed class Value
{
    private readonly UseList uses = new();
    private string name;
    private Graph? inputOf;
    private Graph? initializerOf;
    private List<Graph>? outputOf;

    /// <summary>Creates a free-standing value (a graph input, or a placeholder to wire up).</summary>
    public Value(string name, OnnxType? type = null)
    {
        this.name = name;
        Type = type;
    }

    /// <summary>
    /// The value's name; unique within a graph and its subgraphs in a valid model. Empty for an
    /// omitted optional output. Renaming an initializer re-keys its graph's
    /// <see cref="Graph.Initializers"/>, so look-ups by name follow.
    /// </summary>
    public string Name
    {
        get => name;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value == name) return;
            string old = name;
            name = value;
            initializerOf?.Initializers.Rename(this, old);
        }
    }

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

    /// <summary>
    /// The graph that defines this value: its producer's graph, or the graph that lists it as an
    /// input or initializer; null while it is free-standing (or its producer is in no graph). Nodes
    /// of subgraphs may read it too.
    /// </summary>
    public Graph? Graph => Producer is { } producer ? producer.Graph : inputOf ?? initializerOf;

    /// <summary>True when this value is listed in its graph's <see cref="Graph.Inputs"/>.</summary>
    public bool IsGraphInput => inputOf is not null;

    /// <summary>True when this value is one of its graph's <see cref="Graph.Initializers"/>.</summary>
    public bool IsInitializer => initializerOf is not null;

    /// <summary>
    /// True when some graph lists this value among its outputs: its own graph, or a subgraph that
    /// returns a value of an enclosing graph.
    /// </summary>
    public bool IsGraphOutput => outputOf is { Count: > 0 };

    /// <summary>The node inputs that read this value, in the order they were connected.</summary>
    public IReadOnlyList<Usage> Uses => uses;

    /// <summary>True when <paramref name="graph"/> lists this value among its outputs.</summary>
    public bool IsOutputOf(Graph graph) => outputOf is not null && outputOf.Contains(graph);

    /// <summary>
    /// Points every consumer of this value at <paramref name="replacement"/> instead. A graph output
    /// is part of a graph's interface, so this refuses (throws, changing nothing) when this value is
    /// one, unless <paramref name="replaceGraphOutputs"/> is set: then every graph listing this value
    /// as an output lists <paramref name="replacement"/> in its place. The output then carries the
    /// replacement's name; a caller that must keep the graph's output names renames first (as the
    /// optimizer's <c>GraphContext.Replace</c> does).
    /// </summary>
    /// <exception cref="InvalidOperationException">This value is a graph output and <paramref name="replaceGraphOutputs"/> is false.</exception>
    public void ReplaceAllUsesWith(Value replacement, bool replaceGraphOutputs = false)
    {
        ArgumentNullException.ThrowIfNull(replacement);
        if (ReferenceEquals(replacement, this)) return;
        if (IsGraphOutput && !replaceGraphOutputs)
        {
            throw new InvalidOperationException(
                $"'{Name}' is an output of graph '{outputOf![0].Name}'; pass replaceGraphOutputs: true to make '{replacement.Name}' that output instead.");
        }
        foreach (var use in uses.ToArray()) use.Node.ReplaceInput(use.InputIndex, replacement);
        if (outputOf is null) return;
        foreach (var graph in outputOf.Distinct().ToArray()) graph.Outputs.ReplaceAll(this, replacement);
    }

    internal void SetProducer(Node node, int index)
    {
        Producer = node;
        ProducerOutputIndex = index;
    }

    internal bool IsInputOf(Graph graph) => ReferenceEquals(inputOf, graph);

    internal bool IsInitializerOf(Graph graph) => ReferenceEquals(initializerOf, graph);

    internal UseList.Link AddUse(Node node, int index) => uses.Add(node, index);

    internal void RemoveUse(UseList.Link link) => uses.Remove(link);

    /// <summary>Records that <paramref name="graph"/> lists this value as an input; one graph, once.</summary>
    internal void JoinInputs(Graph graph)
    {
        if (inputOf is not null)
            throw new InvalidOperationException($"Value '{Name}' is already an input of graph '{inputOf.Name}'.");
        CheckDefinableIn(graph, "an input");
        inputOf = graph;
    }

    internal void LeaveInputs() => inputOf = null;

    /// <summary>Records that <paramref name="graph"/> holds this value as an initializer; one graph, once.</summary>
    internal void JoinInitializers(Graph graph)
    {
        if (initializerOf is not null)
            throw new InvalidOperationException($"Value '{Name}' is already an initializer of graph '{initializerOf.Name}'.");
        CheckDefinableIn(graph, "an initializer");
        initializerOf = graph;
    }

    internal void LeaveInitializers() => initializerOf = null;

    /// <summary>Records one listing among <paramref name="graph"/>'s outputs (a value may be listed more than once).</summary>
    internal void JoinOutputs(Graph graph) => (outputOf ??= []).Add(graph);

    internal void LeaveOutputs(Graph graph) => outputOf!.Remove(graph);

    /// <summary>A value is defined once: by a node, or as an input and/or initializer of one graph.</summary>
    private void CheckDefinableIn(Graph graph, string role)
    {
        if (Producer is not null)
            throw new InvalidOperationException($"Value '{Name}' is produced by a node, so it cannot also be {role} of graph '{graph.Name}'.");
        var owner = inputOf ?? initializerOf;
        if (owner is not null && !ReferenceEquals(owner, graph))
            throw new InvalidOperationException($"Value '{Name}' belongs to graph '{owner.Name}', so it cannot be {role} of graph '{graph.Name}'.");
    }

    /// <inheritdoc/>
    public override string ToString() => Type is null ? $"%{Name}" : $"%{Name}: {Type}";
}
