using OnnxKit.Ir;
using OnnxKit.Optimizer.Rewriting;
using OnnxKit.Schemas;
using OnnxKit.ShapeInference;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Optimizer.Float16;

/// <summary>One float16 conversion: decide each node's precision, retype values and constants, then insert boundary casts.</summary>
internal sealed class Float16Conversion
{
    private readonly Model model;
    private readonly Float16Options options;
    private readonly NameAllocator names;
    private readonly Dictionary<Value, DataType?> original = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Value> half = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Node, OpSchema?> halfNodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<(Graph, Value, DataType), Value> casts = [];
    private readonly List<KeptNode> kept = [];
    private readonly List<ClampedTensor> clamped = [];
    private readonly List<(Graph Graph, Node? Owner)> graphs = [];
    private int convertedConstants, castsRetargeted, castsInserted;
    private long float32Bytes;

    public Float16Conversion(Model model, Float16Options options)
    {
        this.model = model;
        this.options = options;
        names = new NameAllocator(model);
    }

    /// <summary>Operators whose float output type an attribute fixes, which the conversion does not retarget.</summary>
    private static readonly HashSet<string> TypeFromAttribute = new(StringComparer.Ordinal)
    {
        "MelWeightMatrix", "HannWindow", "HammingWindow", "BlackmanWindow", "BitCast",
    };

    private long Opset => model.OpsetVersion("") ?? 1;

    public Float16Report Run()
    {
        ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
        CollectGraphs(model.Graph, null);
        foreach (var (graph, _) in graphs) RecordTypes(graph);
        foreach (var (graph, _) in graphs)
        {
            foreach (var node in graph.Nodes) Decide(node);
        }
        if (!options.KeepIoTypes)
        {
            foreach (var input in model.Graph.Inputs.Where(i => i.ConstValue is null)) MakeHalf(input);
        }
        foreach (var (graph, _) in graphs)
        {
            foreach (var node in graph.Nodes) RetypeOutputs(node);
            foreach (var init in graph.Initializers) ConvertConstantIfRead(init);
        }
        foreach (var (graph, owner) in graphs)
        {
            foreach (var node in graph.Nodes.ToList()) FixInputs(graph, node);
            FixOutputs(graph, RequiredOutputTypes(graph, owner));
        }
        return new Float16Report
        {
            ConvertedNodes = halfNodes.Count(n => HasFloatSlots(n.Key, n.Value)),
            KeptNodes = kept,
            ConvertedConstants = convertedConstants,
            Float32BytesBefore = float32Bytes,
            Clamped = clamped,
            CastsInserted = castsInserted,
            CastsRetargeted = castsRetargeted,
        };
    }

    private void CollectGraphs(Graph graph, Node? owner)
    {
        graphs.Add((graph, owner));
        foreach (var node in graph.Nodes)
        {
            foreach (var subgraph in node.Subgraphs()) CollectGraphs(subgraph, node);
        }
    }

    private void RecordTypes(Graph graph)
    {
        foreach (var v in graph.Inputs.Concat(graph.Initializers).Concat(graph.Nodes.SelectMany(n => n.Outputs)))
            original.TryAdd(v, ShapeFacts.ElementTypeOf(v));
    }

    private DataType? Original(Value v) => original.TryGetValue(v, out var t) ? t : ShapeFacts.ElementTypeOf(v);

    private DataType Current(Value v) => half.Contains(v) ? DataType.Float16 : Original(v) ?? DataType.Undefined;

    /// <summary>Chooses float16 for a node unless something keeps it in float32, recording why.</summary>
    private void Decide(Node node)
    {
        var schema = node.IsDefaultDomain ? OpSchemaRegistry.Default.Find("", node.OpType, (int)Opset) : null;
        string? reason =
            !node.IsDefaultDomain ? (model.FindFunction(node.Domain, node.OpType, node.Overload) is not null ? "calls a model-local function (kept float32)" : $"operator of domain '{node.Domain}'")
            : options.OpBlockList.Contains(node.OpType) ? Float16Defaults.BlockedOps.GetValueOrDefault(node.OpType, "operator on the block list")
            : options.NodeBlockList.Contains(Float16Converter.NodeKey(node)) ? "node on the block list"
            : schema is null ? $"no schema for {node.OpType} at opset {Opset}"
            : node.Attributes.Any(a => a.RefAttributeName is not null) ? "attribute refers to a function attribute"
            : node.Subgraphs().Any() && node.OpType != "If" ? "holds subgraphs"
            : node.Inputs.Concat(node.Outputs).Any(v => v?.Type is not (null or TensorType)) ? "works on sequences, optionals or maps"
            : TypeFromAttribute.Contains(node.OpType) ? "its output type is set by an attribute"
            : node.OpType is "ScatterND" or "ScatterElements" && node.Attributes.GetString("reduction", "none") != "none"
                ? "scatter with a reduction (accumulates; ONNX Runtime's CPU provider has no float16 kernel)"
            : UnknownFloatSlot(node, schema);
        if (reason is null)
        {
            halfNodes[node] = schema;
            return;
        }
        if (node.Inputs.Concat(node.Outputs).Any(v => v is not null && Original(v) == DataType.Float))
            kept.Add(new KeptNode(Float16Converter.NodeKey(node), node.OpType, reason));
    }

    private string? UnknownFloatSlot(Node node, OpSchema schema)
    {
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Inputs[i] is { } v && AdmitsHalf(schema, schema.Inputs, i) && Original(v) is null) return $"the type of input '{v.Name}' is unknown";
        }
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            if (node.Outputs[i].Name.Length > 0 && AdmitsHalf(schema, schema.Outputs, i) && Original(node.Outputs[i]) is null && !SetsOwnType(node))
                return $"the type of output '{node.Outputs[i].Name}' is unknown";
        }
        return null;
    }

    /// <summary>Operators whose output type comes from an attribute, which the conversion retargets.</summary>
    private static bool SetsOwnType(Node node) => node.OpType is "Cast" or "Constant" or "ConstantOfShape" or "EyeLike";

    private bool HasFloatSlots(Node node, OpSchema? schema) =>
        schema is not null && (node.Inputs.Select((v, i) => v is not null && Original(v) == DataType.Float && AdmitsHalf(schema, schema.Inputs, i)).Any(b => b)
            || node.Outputs.Any(half.Contains));

    /// <summary>True when slot <paramref name="index"/> of the formal list accepts float16.</summary>
    private static bool AdmitsHalf(OpSchema schema, IReadOnlyList<FormalParameter> formals, int index)
    {
        if (formals.Count == 0) return false;
        var formal = index < formals.Count ? formals[index] : formals[^1].Option == FormalParameterOption.Variadic ? formals[^1] : null;
        if (formal is null) return false;
        if (formal.TypeStr == "tensor(float16)") return true;
        return schema.FindTypeConstraint(formal.TypeStr)?.AllowedTypes.Contains("tensor(float16)") ?? false;
    }

    private void MakeHalf(Value v)
    {
        if (Original(v) != DataType.Float || !half.Add(v)) return;
        v.Type = new TensorType(DataType.Float16, v.TensorType?.Shape);
    }

    /// <summary>In a float16 node, float32 outputs become float16; attributes that set a float32 type are retargeted.</summary>
    private void RetypeOutputs(Node node)
    {
        if (!halfNodes.TryGetValue(node, out var schema)) return;
        switch (node.OpType)
        {
            case "Cast" when node.Attributes.GetInt("to", 0) == (long)DataType.Float:
                node.Attributes.Set(IrAttribute.Int("to", (long)DataType.Float16));
                castsRetargeted++;
                MakeHalfAnyway(node.Outputs[0]);
                return;
            case "EyeLike" when node.Attributes.GetInt("dtype", -1) == (long)DataType.Float:
                node.Attributes.Set(IrAttribute.Int("dtype", (long)DataType.Float16));
                MakeHalfAnyway(node.Outputs[0]);
                return;
            case "Constant" or "ConstantOfShape":
                RetypeConstantAttribute(node);
                return;
        }
        for (int i = 0; i < node.Outputs.Count; i++)
        {
            if (AdmitsHalf(schema!, schema!.Outputs, i)) MakeHalf(node.Outputs[i]);
        }
    }

    private void MakeHalfAnyway(Value v)
    {
        original[v] = DataType.Float;
        MakeHalf(v);
    }

    private void RetypeConstantAttribute(Node node)
    {
        if (node.OpType == "ConstantOfShape" && node.Attributes["value"] is null)
        {
            node.Attributes.Set(IrAttribute.Tensor("value", DenseTensor.FromArray(DataType.Float16, [(Half)0], [1])));
            MakeHalfAnyway(node.Outputs[0]);
            return;
        }
        var attribute = node.Attributes.FirstOrDefault(a => a.Name is "value" or "value_float" or "value_floats");
        ITensor? tensor = attribute switch
        {
            { Name: "value", Value: ITensor t } when t.DataType == DataType.Float => t,
            { Name: "value_float" or "value_floats" } => ConstantNodes.TryRead(node),
            _ => null,
        };
        if (tensor is null) return;
        var converted = ConvertTensor(tensor, node.Outputs[0].Name);
        node.Attributes.Remove(attribute!.Name);
        node.Attributes.Set(IrAttribute.Tensor("value", converted));
        MakeHalfAnyway(node.Outputs[0]);
    }

    /// <summary>A float32 initializer that some float16 node reads is stored in float16.</summary>
    private void ConvertConstantIfRead(Value init)
    {
        if (init.ConstValue!.DataType != DataType.Float || (model.IrVersion >= 4 && model.Graph.Inputs.Contains(init))) return;
        bool readInHalf = init.Uses.Any(u => ExpectsHalf(u.Node, u.InputIndex, init));
        if (!readInHalf) return;
        init.ConstValue = ConvertTensor(init.ConstValue, init.Name);
        MakeHalf(init);
    }

    private DenseTensor ConvertTensor(ITensor tensor, string name)
    {
        var (converted, clampRecord) = HalfConversion.Convert(tensor, name);
        if (clampRecord is not null) clamped.Add(clampRecord);
        convertedConstants++;
        float32Bytes += tensor.ByteCount;
        return converted;
    }

    /// <summary>True when <paramref name="node"/> wants float16 at input <paramref name="index"/> (which holds <paramref name="value"/>).</summary>
    private bool ExpectsHalf(Node node, int index, Value value) =>
        halfNodes.TryGetValue(node, out var schema) && Original(value) == DataType.Float && AdmitsHalf(schema!, schema!.Inputs, index);

    private void FixInputs(Graph graph, Node node)
    {
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            if (node.Inputs[i] is not { } v || Original(v) != DataType.Float) continue;
            var want = ExpectsHalf(node, i, v) ? DataType.Float16 : DataType.Float;
            if (Current(v) != want) node.ReplaceInput(i, CastOf(graph, v, want));
        }
    }

    /// <summary>The Cast of <paramref name="v"/> to <paramref name="type"/> in <paramref name="graph"/>, made once, right after v is defined.</summary>
    private Value CastOf(Graph graph, Value v, DataType type)
    {
        if (casts.TryGetValue((graph, v, type), out var existing)) return existing;
        var output = new Value(names.Fresh(v.Name + (type == DataType.Float16 ? "_fp16" : "_fp32")), new TensorType(type, v.TensorType?.Shape));
        var cast = new Node("", "Cast", [v], [output], [IrAttribute.Int("to", (long)type)]);
        if (v.Producer is { } producer && producer.Graph == graph) graph.Nodes.InsertAfter(producer, cast);
        else graph.Nodes.InsertAfter(null, cast);
        original[output] = DataType.Float;
        if (type == DataType.Float16) half.Add(output);
        casts[(graph, v, type)] = output;
        castsInserted++;
        return output;
    }

    /// <summary>The element types the graph's outputs must keep: the main graph's by <see cref="Float16Options.KeepIoTypes"/>, If branches' by their node, others as declared.</summary>
    private List<DataType?> RequiredOutputTypes(Graph graph, Node? owner)
    {
        if (owner is null)
            return graph.Outputs.Select(o => Original(o) is DataType.Float && !options.KeepIoTypes ? DataType.Float16 : Original(o)).ToList();
        if (owner.OpType == "If")
            return graph.Outputs.Select((o, i) => i < owner.Outputs.Count ? (DataType?)Current(owner.Outputs[i]) : Original(o)).ToList();
        return graph.Outputs.Select(Original).ToList();
    }

    private void FixOutputs(Graph graph, List<DataType?> required)
    {
        for (int i = 0; i < graph.Outputs.Count; i++)
        {
            var v = graph.Outputs[i];
            if (required[i] is not DataType want || Original(v) != DataType.Float || Current(v) == want) continue;
            string name = v.Name;
            v.Name = names.Fresh(name + (want == DataType.Float ? "_fp16" : "_fp32"));
            var output = new Value(name, new TensorType(want, v.TensorType?.Shape)) { DocString = v.DocString };
            graph.Nodes.Add(new Node("", "Cast", [v], [output], [IrAttribute.Int("to", (long)want)]));
            original[output] = DataType.Float;
            if (want == DataType.Float16) half.Add(output);
            graph.Outputs[i] = output;
            castsInserted++;
        }
    }
}
