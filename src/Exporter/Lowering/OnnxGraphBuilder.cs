using OnnxKit.Ir;
using OnnxKit.Schemas;
using Attribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Exporter.Lowering;

/// <summary>
/// Emits ONNX nodes for a target opset: the one place that knows how operators changed
/// between opsets. Its typed methods pick the attribute or input form an opset expects
/// (Clip, Pad, Split, Squeeze/Unsqueeze, ReduceMean, Dropout, Resize/Upsample), follow
/// changed semantics (Softmax before 13, BatchNormalization's <c>spatial</c> before 9) and
/// decompose operators that do not exist yet at the target (Gelu, LayerNormalization,
/// HardSwish, GreaterOrEqual/LessOrEqual). Every node is checked against the operator
/// schemas; a construct that cannot be expressed fails with a <see cref="LoweringException"/>
/// naming the layer, the operator, the opset and the supported range.
/// </summary>
/// <remarks>
/// Layers receive a builder in <see cref="Layer.Lower"/>; Lambda layers use it to write custom
/// sub-graphs. Weights become initializers and constants Constant nodes. Node and value
/// names are <c>layer/OpType</c>, made unique.
/// </remarks>
public sealed partial class OnnxGraphBuilder
{
    private readonly HashSet<string> usedNames = new(StringComparer.Ordinal);
    private readonly Dictionary<Weight, Value> weightValues = [];
    private readonly ulong seed;
    private readonly long? streamWeightsFrom;
    private string scope = "";
    private string prefix = "";
    private string? layerDescription;

    internal OnnxGraphBuilder(Graph graph, int opset, ulong seed, bool channelsLast, Dim batchDim, long? streamWeightsFrom = null)
    {
        this.streamWeightsFrom = streamWeightsFrom;
        if (opset < OpsetSupport.MinOpset || opset > OpsetSupport.MaxOpset)
            throw new OnnxKitException($"Opset {opset} is not supported for export; choose {OpsetSupport.MinOpset}–{OpsetSupport.MaxOpset}.");
        Graph = graph;
        Opset = opset;
        this.seed = seed;
        ChannelsLast = channelsLast;
        BatchDim = batchDim;
    }

    /// <summary>The target <c>ai.onnx</c> opset.</summary>
    public int Opset { get; }

    /// <summary>
    /// True when the model is exported for channels-last input: image tensors are transposed
    /// at the graph boundary, and Flatten flattens in Keras's (height, width, channels) order.
    /// </summary>
    public bool ChannelsLast { get; }

    internal Graph Graph { get; }

    /// <summary>The batch dimension of every activation (a symbol or a fixed size).</summary>
    internal Dim BatchDim { get; }

    /// <summary>Sets the layer whose nodes are emitted next (for node names and error messages).</summary>
    internal void BeginLayer(LayerCall call)
    {
        scope = prefix + (call.CallIndex == 0 ? call.Layer.Name : $"{call.Layer.Name}_call{call.CallIndex}");
        layerDescription = $"'{call.Layer.Name}' ({call.Layer.TypeName})";
    }

    /// <summary>
    /// Nests the names of the nodes emitted until disposal under the current layer's scope
    /// (<c>cnn_1/conv2d/Conv</c> for the layers of a model called as a layer).
    /// </summary>
    internal IDisposable NestedScope()
    {
        string outer = prefix;
        prefix = scope + "/";
        return new ScopeRestorer(() => prefix = outer);
    }

    private sealed class ScopeRestorer(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>Clears the current layer (for nodes the exporter itself adds at the graph boundary).</summary>
    internal void BeginBoundary(string name)
    {
        scope = name;
        layerDescription = null;
    }

    /// <summary>
    /// Emits one node with a single output. The operator must exist (and not be deprecated)
    /// at <see cref="Opset"/>; prefer the typed methods, which handle opset differences.
    /// </summary>
    public Value Op(string opType, IReadOnlyList<Value?> inputs, params Attribute[] attributes) => Op(opType, inputs, 1, attributes)[0];

    /// <summary>Emits one node with <paramref name="outputCount"/> outputs.</summary>
    public IReadOnlyList<Value> Op(string opType, IReadOnlyList<Value?> inputs, int outputCount, params Attribute[] attributes)
    {
        RequireOp(opType);
        string name = UniqueName($"{scope}/{opType}");
        var outputs = Enumerable.Range(0, outputCount).Select(i => i == 0 ? name : UniqueName($"{name}:{i}")).ToArray();
        var trimmed = inputs.ToList();
        while (trimmed.Count > 0 && trimmed[^1] is null) trimmed.RemoveAt(trimmed.Count - 1);
        var node = new Node("", opType, trimmed, outputs, attributes, name);
        Graph.Nodes.Add(node);
        return node.Outputs;
    }

    /// <summary>The initializer holding <paramref name="weight"/>, created on first use (shared by every call of the layer).</summary>
    public Value Weight(Weight weight)
    {
        if (!weightValues.TryGetValue(weight, out var value))
        {
            if (!usedNames.Add(weight.FullName))
                throw new OnnxKitException($"Two weights are named '{weight.FullName}'; layer names must be unique within a model.");
            value = Graph.AddInitializer(weight.FullName, weight.GetValue(seed, streamed: weight.ElementCount * sizeof(float) >= streamWeightsFrom));
            weightValues.Add(weight, value);
        }
        return value;
    }

    /// <summary>A float32 scalar constant.</summary>
    public Value Scalar(float value) => Constant(DenseTensor.FromFloats([value], []));

    /// <summary>A float32 constant of the given shape.</summary>
    public Value Floats(float[] values, params long[] dims) => Constant(DenseTensor.FromFloats(values, dims));

    /// <summary>A 1-D int64 constant (shapes, axes, pads).</summary>
    public Value Int64s(params long[] values) => Constant(DenseTensor.FromInt64s(values, [values.Length]));

    /// <summary>
    /// A constant, as a Constant node of the current layer, so that initializers hold only
    /// weights. Before opset 9 Constant accepts only floating-point tensors; other constants
    /// (shapes, axes) are then initializers named <c>layer/const</c>.
    /// </summary>
    public Value Constant(ITensor tensor)
    {
        if (Opset < 9 && !tensor.DataType.IsFloatingPoint()) return Graph.AddInitializer(UniqueName($"{scope}/const"), tensor);
        return Op("Constant", [], Attribute.Tensor("value", tensor));
    }

    /// <summary>A name not yet used in the graph, <paramref name="wanted"/> itself when free.</summary>
    internal string UniqueName(string wanted)
    {
        if (usedNames.Add(wanted)) return wanted;
        for (int i = 1; ; i++)
        {
            string candidate = $"{wanted}_{i}";
            if (usedNames.Add(candidate)) return candidate;
        }
    }

    /// <summary>Reserves a name (graph inputs) so no node output takes it.</summary>
    internal bool TryReserveName(string name) => usedNames.Add(name);

    /// <summary>Throws unless <paramref name="opType"/> exists at the target opset.</summary>
    private void RequireOp(string opType)
    {
        var schema = OpSchemaRegistry.Default.Find("", opType, Opset);
        if (schema is not null && !schema.Deprecated) return;
        var (min, max) = LiveRange(opType);
        string detail = schema is { Deprecated: true }
            ? $"the operator was removed at opset {schema.SinceVersion}"
            : min == 0 ? "the operator is not part of ai.onnx" : $"the operator does not exist before opset {min}";
        throw Unsupported(opType, detail, min, max);
    }

    /// <summary>The opsets (within the exportable range) at which <paramref name="opType"/> exists and is not deprecated.</summary>
    private static (int Min, int Max) LiveRange(string opType)
    {
        var live = Enumerable.Range(OpsetSupport.MinOpset, OpsetSupport.MaxOpset - OpsetSupport.MinOpset + 1)
            .Where(v => OpSchemaRegistry.Default.Find("", opType, v) is { Deprecated: false })
            .ToArray();
        return live.Length == 0 ? (0, 0) : (live[0], live[^1]);
    }

    /// <summary>An error for a construct that needs opsets <paramref name="min"/>–<paramref name="max"/>.</summary>
    internal LoweringException Unsupported(string opType, string detail, int min, int max = OpsetSupport.MaxOpset) =>
        new(layerDescription, opType, Opset, min, max, detail);

    private static Attribute Ints(string name, IEnumerable<long> values) => Attribute.Ints(name, values);
}
