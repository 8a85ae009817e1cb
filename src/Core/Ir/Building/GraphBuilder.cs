using OnnxKit.Schemas;

namespace OnnxKit.Ir.Building;

/// <summary>
/// Writes a graph in code, the way onnx-ir's "tape" does: graph inputs, initializers, nodes through
/// typed op calls (<c>b.Add(x, y)</c>, <c>b.Relu(h)</c>) or the generic
/// <see cref="OpBuilder{TValue}.Op(string, IReadOnlyList{TValue}, Attribute[])"/>, graph outputs, and
/// finally a <see cref="Model"/>. Every node it creates is recorded in <see cref="Nodes"/>, in order.
/// </summary>
/// <remarks>
/// <para>
/// Node outputs get fresh names from the op type (<c>add</c>, <c>add_1</c>, ...) through
/// <see cref="Names"/>; explicit names (inputs, initializers, <see cref="AddNode"/>'s
/// <c>outputNames</c>) are taken as given, duplicates included, so invalid models can be built for
/// the checker's tests. Nodes are unnamed unless <see cref="AddNode"/> names them.
/// </para>
/// <para>
/// Passes build replacements with a builder over an existing graph (see the optimizer's
/// <c>RewriteBuilder</c>): new nodes then go before <see cref="InsertionPoint"/>, and names come
/// from an allocator that knows the whole model.
/// </para>
/// <example>
/// <code>
/// var b = new GraphBuilder(opset: 17);
/// var x = b.Input("x", DataType.Float, "N", 4);
/// var w = b.Random("w", [4, 2]);
/// b.Output(b.Relu(b.MatMul(x, w)), DataType.Float, "N", 2);
/// Model model = b.ToModel();
/// </code>
/// </example>
/// </remarks>
public class GraphBuilder : OpBuilder<Value>
{
    private readonly List<Node> nodes = [];
    private readonly Func<NameAllocator> names;
    private Random? random;

    /// <summary>Starts a new graph named <paramref name="graphName"/> whose nodes target ai.onnx <paramref name="opset"/>.</summary>
    public GraphBuilder(long opset = 17, string? graphName = "main")
        : this(new Graph(graphName), opset, new NameAllocator())
    {
    }

    /// <summary>Adds to an existing <paramref name="graph"/>, taking fresh names from <paramref name="names"/>.</summary>
    protected GraphBuilder(Graph graph, long opset, NameAllocator names)
        : this(graph, opset, () => names)
    {
    }

    /// <summary>
    /// Adds to an existing <paramref name="graph"/>, asking <paramref name="names"/> for the allocator only
    /// when a name is first needed (a model-wide allocator is costly to build and sees the names of that moment).
    /// </summary>
    protected GraphBuilder(Graph graph, long opset, Func<NameAllocator> names)
    {
        Graph = graph;
        Opset = opset;
        this.names = names;
    }

    /// <summary>The graph being written.</summary>
    public Graph Graph { get; }

    /// <summary>The ai.onnx opset the nodes are written for (and that <see cref="ToModel"/> imports).</summary>
    public long Opset { get; }

    /// <summary>Where fresh names come from; shared with <see cref="Subgraph"/> builders.</summary>
    public NameAllocator Names => names();

    /// <summary>The nodes this builder created, in order.</summary>
    public IReadOnlyList<Node> Nodes => nodes;

    /// <summary>New nodes go right before this node of <see cref="Graph"/>; at the end when null.</summary>
    public Node? InsertionPoint { get; set; }

    /// <summary>A graph input of <paramref name="type"/>; dims are sizes or symbol names (<c>"N"</c>).</summary>
    public Value Input(string name, DataType type, params Dim[] dims) => Input(name, new TensorType(type, new Shape(dims)));

    /// <summary>A float32 graph input; dims are sizes or symbol names (<c>"N"</c>), none for a scalar.</summary>
    public Value Input(string name, params Dim[] dims) => Input(name, DataType.Float, dims);

    /// <summary>A graph input of any type.</summary>
    public Value Input(string name, OnnxType type)
    {
        Names.Reserve(name);
        var value = new Value(name, type);
        Graph.Inputs.Add(value);
        return value;
    }

    /// <summary>An initializer named <paramref name="name"/> holding <paramref name="tensor"/>.</summary>
    public Value Initializer(string name, ITensor tensor)
    {
        Names.Reserve(name);
        return Graph.AddInitializer(name, tensor);
    }

    /// <summary>A float32 initializer with the given values and dims (none for a scalar).</summary>
    public Value Floats(string name, float[] values, params long[] dims) => Initializer(name, DenseTensor.FromFloats(values, dims, name));

    /// <summary>An int64 initializer with the given values and dims (none for a scalar).</summary>
    public Value Ints(string name, long[] values, params long[] dims) => Initializer(name, DenseTensor.FromInt64s(values, dims, name));

    /// <summary>A one-dimensional int64 initializer (shapes, axes, pads).</summary>
    public Value Ints(string name, params long[] values) => Ints(name, values, values.Length);

    /// <summary>
    /// A float32 initializer of the given dims with values drawn uniformly from [<paramref name="low"/>,
    /// <paramref name="high"/>): every builder draws from its own generator seeded with 1234, so the same
    /// calls give the same weights.
    /// </summary>
    public Value Random(string name, long[] dims, double low = -1, double high = 1)
    {
        random ??= new Random(1234);
        var values = new float[dims.Aggregate(1L, (p, d) => p * d)];
        for (int i = 0; i < values.Length; i++) values[i] = (float)(low + (high - low) * random.NextDouble());
        return Floats(name, values, dims);
    }

    /// <summary>
    /// A constant holding <paramref name="tensor"/>, under a fresh name from <paramref name="nameHint"/>:
    /// here an initializer; builders over function bodies make it a Constant node instead.
    /// </summary>
    public virtual Value Constant(ITensor tensor, string nameHint = "const") => Initializer(Names.Fresh(nameHint), tensor);

    /// <summary>
    /// Adds a node with full control: the domain, the node's name, and output names (fresh ones from
    /// the op type when <paramref name="outputNames"/> is null; an empty name is an omitted output).
    /// </summary>
    public Node AddNode(string opType, IReadOnlyList<Value?> inputs, IEnumerable<Attribute>? attributes = null, int outputCount = 1,
        IReadOnlyList<string>? outputNames = null, string domain = "", string? name = null)
    {
        var outputs = outputNames?.Select(n => new Value(n)).ToArray()
            ?? Enumerable.Range(0, outputCount).Select(_ => new Value(OutputName(opType))).ToArray();
        foreach (var output in outputs) Names.Reserve(output.Name);
        var node = new Node(domain, opType, inputs, outputs, attributes, name);
        if (InsertionPoint is { } before) Graph.Nodes.InsertBefore(before, node);
        else Graph.Nodes.Add(node);
        nodes.Add(node);
        return node;
    }

    /// <inheritdoc/>
    protected override IReadOnlyList<Value> Emit(string opType, IReadOnlyList<Value?> inputs, IReadOnlyList<Attribute> attributes, int outputCount) =>
        AddNode(opType, inputs, attributes, outputCount).Outputs;

    /// <summary>The name of a new output of an <paramref name="opType"/> node: a fresh one from the op type.</summary>
    protected virtual string OutputName(string opType) => Names.Fresh(opType.ToLowerInvariant());

    /// <summary>Lists <paramref name="value"/> as a graph output.</summary>
    public GraphBuilder Output(Value value)
    {
        Graph.Outputs.Add(value);
        return this;
    }

    /// <summary>Lists <paramref name="value"/> as a graph output, declaring <paramref name="type"/> when it has no type yet.</summary>
    public GraphBuilder Output(Value value, OnnxType type)
    {
        value.Type ??= type;
        return Output(value);
    }

    /// <summary>Lists <paramref name="value"/> as a graph output, declaring a tensor type when it has no type yet.</summary>
    public GraphBuilder Output(Value value, DataType type, params Dim[] dims) => Output(value, new TensorType(type, new Shape(dims)));

    /// <summary>A builder for a subgraph (an If branch, a Loop body) that shares this one's opset and names.</summary>
    public GraphBuilder Subgraph(string? name = null) => new(new Graph(name), Opset, Names);

    /// <summary>
    /// A model around <see cref="Graph"/>, importing ai.onnx at <see cref="Opset"/> (plus
    /// <paramref name="moreImports"/>), at <paramref name="irVersion"/> or <see cref="DefaultIrVersion"/>.
    /// </summary>
    public Model ToModel(long? irVersion = null, params OpsetImport[] moreImports) =>
        new(Graph, irVersion ?? DefaultIrVersion(Opset), [new OpsetImport("", Opset), .. moreImports]);

    /// <summary>
    /// The IR version ONNX released with <paramref name="opset"/>, and at least 8, the first version with
    /// model-local functions (so initializers are never required to be inputs, as they were before 4).
    /// </summary>
    public static long DefaultIrVersion(long opset) =>
        Math.Max(8, opset is >= 1 && opset <= OpsetSupport.NewestKnownOpset ? OpsetSupport.MinIrVersionForOpset((int)opset) : OpsetSupport.MaxIrVersion);
}
