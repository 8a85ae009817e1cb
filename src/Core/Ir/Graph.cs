namespace OnnxKit.Ir;

/// <summary>
/// A computation: typed inputs, constant initializers, nodes in order, and outputs.
/// Used for a model's main graph, for subgraphs held by attributes (If, Loop, Scan),
/// and as the body of a <see cref="Function"/>. A subgraph's nodes may read values
/// of enclosing graphs directly.
/// </summary>
public sealed class Graph
{
    /// <summary>Creates an empty graph.</summary>
    public Graph(string? name = null)
    {
        Name = name;
        Nodes = new NodeList(this);
        Inputs = new GraphInputList(this);
        Outputs = new GraphOutputList(this);
        Initializers = new InitializerList(this);
    }

    /// <summary>The graph's name.</summary>
    public string? Name { get; set; }

    /// <summary>The graph's doc string.</summary>
    public string? DocString { get; set; }

    /// <summary>The inputs, in order. Older models also list initializers here. Each value knows it is one (<see cref="Value.IsGraphInput"/>).</summary>
    public GraphInputList Inputs { get; }

    /// <summary>The outputs, in order. Each value knows which graphs list it (<see cref="Value.IsOutputOf"/>).</summary>
    public GraphOutputList Outputs { get; }

    /// <summary>The initializers (values with <see cref="Value.ConstValue"/>), in file order, by name.</summary>
    public InitializerList Initializers { get; }

    /// <summary>Sparse initializers, in file order.</summary>
    public List<SparseTensor> SparseInitializers { get; } = [];

    /// <summary>The nodes, in order (topological in a valid model).</summary>
    public NodeList Nodes { get; }

    /// <summary>Intermediate values whose type is declared (ONNX's <c>value_info</c>), in order.</summary>
    public List<Value> ValueInfo { get; } = [];

    /// <summary>Which tensors carry the quantization parameters of which.</summary>
    public List<QuantizationAnnotation> QuantizationAnnotations { get; } = [];

    /// <summary>Metadata entries, in file order.</summary>
    public List<KeyValuePair<string, string>> Metadata { get; } = [];

    /// <summary>Every node of this graph and, recursively, of its subgraphs.</summary>
    public IEnumerable<Node> AllNodes()
    {
        foreach (var node in Nodes)
        {
            yield return node;
            foreach (var subgraph in node.Subgraphs())
            {
                foreach (var inner in subgraph.AllNodes()) yield return inner;
            }
        }
    }

    /// <summary>Adds an initializer value holding <paramref name="tensor"/>.</summary>
    public Value AddInitializer(string name, ITensor tensor)
    {
        var value = new Value(name, new TensorType(tensor.DataType, Shape.Of(tensor.Dims.ToArray()))) { ConstValue = tensor };
        Initializers.Add(value);
        return value;
    }

    /// <inheritdoc/>
    public override string ToString() => IrPrinter.Print(this);
}
