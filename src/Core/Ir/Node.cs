namespace OnnxKit.Ir;

/// <summary>
/// One operator invocation. Its outputs are created with the node and never change;
/// its inputs change only through <see cref="ReplaceInput"/> and friends, which keep
/// each value's list of uses current (the node holds the link of each use, so disconnecting
/// an input is O(1)). A null input is an omitted optional input.
/// </summary>
public sealed class Node
{
    private readonly List<Value?> inputs = [];
    private readonly List<UseList.Link?> useLinks = [];
    private readonly Value[] outputs;

    /// <summary>
    /// Creates a node. Outputs are given by name (an empty name is an omitted optional
    /// output); each becomes a new <see cref="Value"/> produced by this node.
    /// </summary>
    public Node(string domain, string opType, IEnumerable<Value?> inputs, IEnumerable<string> outputNames,
        IEnumerable<Attribute>? attributes = null, string? name = null)
        : this(domain, opType, inputs, outputNames.Select(n => new Value(n)), attributes, name)
    {
    }

    /// <summary>Creates a node whose outputs are the given (new, unproduced) values.</summary>
    public Node(string domain, string opType, IEnumerable<Value?> inputs, IEnumerable<Value> outputs,
        IEnumerable<Attribute>? attributes = null, string? name = null)
    {
        Domain = domain;
        OpType = opType;
        Name = name;
        this.outputs = outputs.ToArray();
        for (int i = 0; i < this.outputs.Length; i++)
        {
            if (this.outputs[i].Producer is not null)
                throw new ArgumentException($"Value '{this.outputs[i].Name}' is already produced by another node.", nameof(outputs));
            if (this.outputs[i].IsGraphInput || this.outputs[i].IsInitializer)
                throw new ArgumentException($"Value '{this.outputs[i].Name}' is a graph input or initializer, so a node cannot produce it.", nameof(outputs));
            this.outputs[i].SetProducer(this, i);
        }
        foreach (var input in inputs) AppendInput(input);
        if (attributes is not null)
        {
            foreach (var attribute in attributes) Attributes.Set(attribute);
        }
    }

    /// <summary>The operator's domain; empty for the default ai.onnx domain.</summary>
    public string Domain { get; set; }

    /// <summary>The operator's name within its domain (Conv, Relu, ...).</summary>
    public string OpType { get; set; }

    /// <summary>For calls to overloaded model-local functions: which overload.</summary>
    public string? Overload { get; set; }

    /// <summary>The node's own name; optional in ONNX.</summary>
    public string? Name { get; set; }

    /// <summary>The node's doc string.</summary>
    public string? DocString { get; set; }

    /// <summary>Metadata entries, in file order.</summary>
    public List<KeyValuePair<string, string>> Metadata { get; } = [];

    /// <summary>The attributes, in file order and addressable by name.</summary>
    public AttributeList Attributes { get; } = new();

    /// <summary>The graph (or function body) this node belongs to, once added to one.</summary>
    public Graph? Graph { get; internal set; }

    /// <summary>The inputs; null entries are omitted optional inputs.</summary>
    public IReadOnlyList<Value?> Inputs => inputs;

    /// <summary>The outputs, fixed at construction.</summary>
    public IReadOnlyList<Value> Outputs => outputs;

    /// <summary>True when the node is in the default ai.onnx domain.</summary>
    public bool IsDefaultDomain => DomainNames.IsDefault(Domain);

    /// <summary>Whether the file spelled out the domain field (kept so unmodified models save byte-identically).</summary>
    internal bool DomainWasWritten { get; set; }

    internal Node? Previous { get; set; }

    internal Node? Next { get; set; }

    /// <summary>Multi-device placement records, kept verbatim from the file (OnnxKit does not interpret them).</summary>
    internal object? DeviceConfigurations { get; set; }

    /// <summary>Connects input number <paramref name="index"/> to <paramref name="value"/>.</summary>
    public void ReplaceInput(int index, Value? value)
    {
        if (useLinks[index] is { } old) inputs[index]!.RemoveUse(old);
        inputs[index] = value;
        useLinks[index] = value?.AddUse(this, index);
    }

    /// <summary>Adds an input at the end.</summary>
    public void AppendInput(Value? value)
    {
        inputs.Add(value);
        useLinks.Add(value?.AddUse(this, inputs.Count - 1));
    }

    /// <summary>Drops the trailing inputs from <paramref name="count"/> on.</summary>
    public void TruncateInputs(int count)
    {
        for (int i = inputs.Count - 1; i >= count; i--)
        {
            if (useLinks[i] is { } link) inputs[i]!.RemoveUse(link);
            inputs.RemoveAt(i);
            useLinks.RemoveAt(i);
        }
    }

    /// <summary>Disconnects every input (used when a node is removed).</summary>
    public void ClearInputs() => TruncateInputs(0);

    /// <summary>Every subgraph held by this node's attributes.</summary>
    public IEnumerable<Graph> Subgraphs() => Attributes.SelectMany(a => a.Subgraphs());

    /// <inheritdoc/>
    public override string ToString()
    {
        string op = IsDefaultDomain ? OpType : $"{Domain}::{OpType}";
        return $"{string.Join(", ", outputs.Select(o => "%" + o.Name))} = {op}({string.Join(", ", inputs.Select(i => i is null ? "None" : "%" + i.Name))})";
    }
}
