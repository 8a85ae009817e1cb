using OnnxKit.Ir;
using OnnxKit.Schemas;

namespace OnnxKit.ShapeInference;

/// <summary>
/// What a shape rule sees of one node: its inputs' types and partly known values, its attributes
/// (function references resolved), the opset in force, and the way to set output types.
/// </summary>
internal sealed class NodeContext
{
    private readonly ShapeInferenceEngine engine;
    private readonly bool[] outputSet;
    private SchemaTypes? schemaTypes;
    private bool schemaLooked;

    public NodeContext(ShapeInferenceEngine engine, GraphFrame frame, Node node, string path)
    {
        this.engine = engine;
        Frame = frame;
        Node = node;
        Path = path;
        Opset = frame.OpsetOf(node.Domain);
        outputSet = new bool[node.Outputs.Count];
    }

    public Node Node { get; }

    public GraphFrame Frame { get; }

    /// <summary>Where the node is, for diagnostics.</summary>
    public string Path { get; }

    /// <summary>The opset version of the node's domain.</summary>
    public int Opset { get; }

    /// <summary>Subgraphs the rule has walked itself (the engine walks the others with their declared inputs).</summary>
    public HashSet<Graph> WalkedSubgraphs { get; } = [];

    public int InputCount => Node.Inputs.Count;

    public int OutputCount => Node.Outputs.Count;

    public bool HasInput(int index) => Input(index) is not null;

    public Value? Input(int index) => index < Node.Inputs.Count ? Node.Inputs[index] : null;

    /// <summary>The input's type; an untyped initializer has its tensor's type.</summary>
    public OnnxType? InputType(int index) => Input(index) is not { } value ? null
        : Frame.Store.Get(value) ?? (value.ConstValue is { } tensor ? new TensorType(tensor.DataType, Shape.Of([.. tensor.Dims])) : null);

    public TensorType? InputTensor(int index) => InputType(index) as TensorType;

    /// <summary>
    /// The input's shape. A negative size, which some exporters write for "dynamic", reads as unknown.
    /// </summary>
    public Shape? InputShape(int index) =>
        InputTensor(index)?.Shape is { } shape && shape.Any(d => d.Value < 0)
            ? new Shape(shape.Select(d => d.Value < 0 ? Dim.Unknown(d.Denotation) : d))
            : InputTensor(index)?.Shape;

    public DataType? InputElementType(int index) =>
        InputTensor(index)?.ElementType is { } type && type != DataType.Undefined ? type : null;

    /// <summary>The input's value when it is a constant: a (non-overridable) initializer or the output of a Constant node.</summary>
    public ITensor? InputConstant(int index)
    {
        if (Input(index) is not { } value) return null;
        if (value.ConstValue is { } tensor) return engine.IsOverridable(value) ? null : tensor;
        if (value.Producer is not { OpType: "Constant", IsDefaultDomain: true } constant) return null;
        if (Frame.Resolve(constant.Attributes["value"])?.Value is ITensor given) return given;
        // The scalar and list forms, as tensors (ints as int64, floats as float, as the operator defines them).
        return (Frame.Resolve(constant.Attributes["value_ints"]) ?? Frame.Resolve(constant.Attributes["value_int"])
                ?? Frame.Resolve(constant.Attributes["value_floats"]) ?? Frame.Resolve(constant.Attributes["value_float"]))?.Value switch
        {
            long scalar => DenseTensor.FromInt64s([scalar], []),
            long[] list => DenseTensor.FromInt64s(list, [list.Length]),
            float scalar => DenseTensor.FromFloats([scalar], []),
            float[] list => DenseTensor.FromFloats(list, [list.Length]),
            _ => null,
        };
    }

    /// <summary>The input's partly known contents, when it is a small integer tensor of rank 0 or 1.</summary>
    public ShapeData? InputData(int index)
    {
        if (Input(index) is not { } value) return null;
        if (Frame.Store.GetData(value) is { } known) return known;
        if (InputConstant(index) is not { } tensor || ShapeData.FromTensor(tensor) is not { } read) return null;
        Frame.Store.SetData(value, read);
        return read;
    }

    /// <summary>The input's contents when it is a small integer tensor whose every element is known.</summary>
    public long[]? InputInts(int index) => InputData(index)?.KnownValues();

    /// <summary>The input's contents as numbers, when it is a small constant of a real numeric type (or known integers).</summary>
    public double[]? InputDoubles(int index)
    {
        if (InputConstant(index) is { } tensor && tensor.ElementCount <= ShapeData.MaxElements
            && (tensor.DataType.IsInteger() || tensor.DataType is DataType.Float or DataType.Double or DataType.Float16 or DataType.BFloat16)
            && tensor.DataType.BitWidth() >= 8)
        {
            return tensor.ToDoubleArray();
        }
        return InputInts(index)?.Select(v => (double)v).ToArray();
    }

    public Ir.Attribute? Attr(string name) => Frame.Resolve(Node.Attributes[name]);

    public long Int(string name, long fallback) => Attr(name)?.AsInt() ?? fallback;

    public IReadOnlyList<long>? Ints(string name) => Attr(name)?.AsInts();

    public float Float(string name, float fallback) => Attr(name)?.AsFloat() ?? fallback;

    public IReadOnlyList<float>? Floats(string name) => Attr(name)?.AsFloats();

    public string String(string name, string fallback) => Attr(name)?.AsString() ?? fallback;

    public bool HasOutput(int index) => index < Node.Outputs.Count && Node.Outputs[index].Name.Length > 0;

    /// <summary>
    /// Sets output <paramref name="index"/> to a tensor of <paramref name="shape"/> (null: rank
    /// unknown). Without <paramref name="elementType"/> the schema decides the element type; when it
    /// cannot, the output stays untyped.
    /// </summary>
    public void SetOutput(int index, Shape? shape, DataType? elementType = null)
    {
        if (shape is not null && shape.Any(d => d.Value < 0)) throw Fail($"output {index} would have a negative size: {shape}");
        OnnxType? type = elementType is { } element ? new TensorType(element, shape)
            : SchemaOutput(index) switch
            {
                TensorType t => t with { Shape = shape },
                var other => other,
            };
        if (type is not null) SetOutputType(index, type);
    }

    public void SetOutputType(int index, OnnxType type)
    {
        if (!HasOutput(index)) return;
        outputSet[index] = true;
        engine.Assign(this, Node.Outputs[index], type);
    }

    /// <summary>Records what is known of output <paramref name="index"/>'s contents.</summary>
    public void SetOutputData(int index, ShapeData? data)
    {
        if (data is not null && HasOutput(index) && data.Elements.Count <= ShapeData.MaxElements)
            Frame.Store.SetData(Node.Outputs[index], data);
    }

    /// <summary>Gives every output the rule did not set the element type its schema determines.</summary>
    public void CompleteFromSchema()
    {
        for (int i = 0; i < outputSet.Length; i++)
        {
            if (!outputSet[i] && SchemaOutput(i) is { } type) SetOutputType(i, type);
        }
    }

    private OnnxType? SchemaOutput(int index)
    {
        if (!schemaLooked)
        {
            schemaLooked = true;
            var schema = OpSchemaRegistry.Default.Find(Node.Domain, Node.OpType, Opset);
            schemaTypes = SchemaTypes.For(schema, Enumerable.Range(0, InputCount).Select(InputType).ToList());
        }
        return schemaTypes?.Output(index);
    }

    /// <summary>An error to throw when the node cannot be valid.</summary>
    public InferenceFailure Fail(string message) => new(message);

    /// <summary>A possibly negative axis as an index into a shape of <paramref name="rank"/>.</summary>
    public int Axis(long axis, int rank, string what = "axis")
    {
        if (axis < -rank || axis >= rank) throw Fail($"{what} {axis} is out of range for rank {rank}");
        return (int)(axis < 0 ? axis + rank : axis);
    }

    /// <summary>
    /// Infers the subgraph held by attribute <paramref name="attributeName"/>, giving its untyped
    /// inputs <paramref name="inputTypes"/>; returns its output types, or null when there is no such subgraph.
    /// </summary>
    public IReadOnlyList<OnnxType?>? InferSubgraph(string attributeName, IReadOnlyList<OnnxType?> inputTypes)
    {
        if (Attr(attributeName)?.Value is not Graph graph) return null;
        WalkedSubgraphs.Add(graph);
        return engine.InferSubgraph(this, attributeName, graph, inputTypes, trial: false);
    }

    /// <summary>Like <see cref="InferSubgraph"/>, but changes nothing and reports nothing: to test an assumption.</summary>
    public IReadOnlyList<OnnxType?>? TrySubgraph(string attributeName, IReadOnlyList<OnnxType?> inputTypes) =>
        Attr(attributeName)?.Value is Graph graph ? engine.InferSubgraph(this, attributeName, graph, inputTypes, trial: true) : null;
}
