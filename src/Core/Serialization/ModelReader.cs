using Google.Protobuf;
using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Serialization;

/// <summary>
/// Builds the IR from a parsed <see cref="ModelProto"/>. Names are resolved to
/// <see cref="Value"/> objects graph by graph, with subgraphs seeing the values of
/// enclosing graphs. Problems that make a model invalid but still readable
/// (undefined names, duplicates, wrong order) are kept as they are for the checker
/// to report; only data that cannot be represented is an error here.
/// </summary>
internal sealed class ModelReader
{
    private readonly ExternalDataResolver externalData;
    private readonly SourceBytes? source;
    private readonly ModelSkeleton? skeleton;

    /// <param name="externalData">Resolves tensors stored in external files.</param>
    /// <param name="source">The bytes the model was read from, when <paramref name="skeleton"/> was parsed instead of them.</param>
    /// <param name="skeleton">The skeleton parsed; its <c>raw_data</c> markers name ranges of <paramref name="source"/>.</param>
    public ModelReader(ExternalDataResolver externalData, SourceBytes? source = null, ModelSkeleton? skeleton = null)
    {
        this.externalData = externalData;
        this.source = source;
        this.skeleton = skeleton;
    }

    public Model Read(ModelProto proto)
    {
        var graph = proto.Graph is null ? new Graph() : ReadGraph(proto.Graph, null, "graph");
        var model = new Model(graph, proto.IrVersion, proto.OpsetImport.Select(ReadOpset))
        {
            ProducerName = proto.HasProducerName ? proto.ProducerName : null,
            ProducerVersion = proto.HasProducerVersion ? proto.ProducerVersion : null,
            Domain = proto.HasDomain ? proto.Domain : null,
            ModelVersion = proto.HasModelVersion ? proto.ModelVersion : null,
            DocString = proto.HasDocString ? proto.DocString : null,
            DeviceConfigurations = proto.Configuration.Count > 0 ? proto.Configuration.Clone() : null,
        };
        model.Metadata.AddRange(ReadEntries(proto.MetadataProps));
        for (int i = 0; i < proto.Functions.Count; i++) model.Functions.Add(ReadFunction(proto.Functions[i], $"functions[{i}]"));
        for (int i = 0; i < proto.TrainingInfo.Count; i++)
        {
            var t = proto.TrainingInfo[i];
            var info = new TrainingInfo
            {
                Initialization = t.Initialization is null ? null : ReadGraph(t.Initialization, null, $"training_info[{i}].initialization"),
                Algorithm = t.Algorithm is null ? null : ReadGraph(t.Algorithm, null, $"training_info[{i}].algorithm"),
            };
            info.InitializationBinding.AddRange(ReadEntries(t.InitializationBinding));
            info.UpdateBinding.AddRange(ReadEntries(t.UpdateBinding));
            model.TrainingInfo.Add(info);
        }
        ProtoExtras.Remember(model, proto);
        return model;
    }

    private static OpsetImport ReadOpset(OperatorSetIdProto proto) => new(proto.Domain, proto.Version) { DomainWasWritten = proto.HasDomain };

    private Function ReadFunction(FunctionProto proto, string location)
    {
        var body = new Graph(null);
        var scope = new Scope(null, body);
        foreach (var name in proto.Input) body.Inputs.Add(scope.Declare(new Value(name)));
        foreach (var node in proto.Node) DeclareOutputs(node, scope);
        ReadNodes(proto.Node, body, scope, location);
        foreach (var name in proto.Output) body.Outputs.Add(scope.Resolve(name));
        ReadValueInfo(proto.ValueInfo, body, scope);
        var function = new Function(proto.Domain, proto.Name, body, proto.OpsetImport.Select(ReadOpset))
        {
            Overload = proto.HasOverload ? proto.Overload : null,
            DocString = proto.HasDocString ? proto.DocString : null,
        };
        function.AttributeNames.AddRange(proto.Attribute);
        function.AttributeDefaults.AddRange(proto.AttributeProto.Select((a, i) => ReadAttribute(a, scope, $"{location}.attribute_proto[{i}]")));
        function.Metadata.AddRange(ReadEntries(proto.MetadataProps));
        ProtoExtras.Remember(function, proto);
        return function;
    }

    private Graph ReadGraph(GraphProto proto, Scope? outer, string location)
    {
        var graph = new Graph(proto.HasName ? proto.Name : null) { DocString = proto.HasDocString ? proto.DocString : null };
        var scope = new Scope(outer, graph);
        foreach (var info in proto.Input)
        {
            var value = new Value(info.Name);
            ApplyValueInfo(value, info);
            graph.Inputs.Add(value);
            scope.Declare(value);
        }
        for (int i = 0; i < proto.Initializer.Count; i++)
        {
            var tensorProto = proto.Initializer[i];
            var tensor = ReadTensor(tensorProto, $"{location}.initializer['{tensorProto.Name}']");
            var value = scope.Local(tensorProto.Name) is { ConstValue: null, Producer: null } input && graph.Inputs.Contains(input)
                ? input
                : scope.Declare(new Value(tensorProto.Name));
            value.ConstValue = tensor;
            value.Type ??= new TensorType(tensor.DataType, Shape.Of(tensor.Dims.ToArray()));
            graph.Initializers.Add(value);
        }
        foreach (var sparse in proto.SparseInitializer)
        {
            var tensor = ReadSparseTensor(sparse, location);
            graph.SparseInitializers.Add(tensor);
            if (tensor.Name is not null) scope.Declare(new Value(tensor.Name));
        }
        foreach (var node in proto.Node) DeclareOutputs(node, scope);
        ReadNodes(proto.Node, graph, scope, location);
        foreach (var info in proto.Output)
        {
            var value = scope.Resolve(info.Name);
            ApplyValueInfo(value, info);
            graph.Outputs.Add(value);
        }
        ReadValueInfo(proto.ValueInfo, graph, scope);
        foreach (var annotation in proto.QuantizationAnnotation)
        {
            graph.QuantizationAnnotations.Add(new QuantizationAnnotation(
                annotation.HasTensorName ? annotation.TensorName : null, ReadEntries(annotation.QuantParameterTensorNames).ToList()));
        }
        graph.Metadata.AddRange(ReadEntries(proto.MetadataProps));
        ProtoExtras.Remember(graph, proto);
        return graph;
    }

    private static void ReadValueInfo(IEnumerable<ValueInfoProto> infos, Graph graph, Scope scope)
    {
        foreach (var info in infos)
        {
            var value = scope.Local(info.Name) ?? new Value(info.Name);
            ApplyValueInfo(value, info);
            graph.ValueInfo.Add(value);
        }
    }

    private static void ApplyValueInfo(Value value, ValueInfoProto info)
    {
        if (info.Type is not null) value.Type = TypeProtoConverter.FromProto(info.Type);
        if (info.HasDocString) value.DocString = info.DocString;
        value.Metadata.AddRange(ReadEntries(info.MetadataProps));
        ProtoExtras.Remember(value, info);
    }

    /// <summary>Creates the output values of every node up front, so inputs can be resolved in any order (the checker reports bad order).</summary>
    private static void DeclareOutputs(NodeProto node, Scope scope)
    {
        foreach (var name in node.Output)
        {
            if (name.Length > 0) scope.DeclareOutput(name);
        }
    }

    private void ReadNodes(IList<NodeProto> protos, Graph graph, Scope scope, string location)
    {
        for (int i = 0; i < protos.Count; i++)
        {
            var proto = protos[i];
            string where = $"{location}.node[{i}]" + (proto.HasName && proto.Name.Length > 0 ? $"('{proto.Name}')" : $"({proto.OpType})");
            var inputs = proto.Input.Select(name => name.Length == 0 ? null : scope.Resolve(name)).ToList();
            var outputs = proto.Output.Select(name => name.Length == 0 ? new Value("") : scope.TakeOutput(name)).ToList();
            var node = new Node(proto.Domain, proto.OpType, inputs, outputs, name: proto.HasName ? proto.Name : null)
            {
                DomainWasWritten = proto.HasDomain,
                Overload = proto.HasOverload ? proto.Overload : null,
                DocString = proto.HasDocString ? proto.DocString : null,
                DeviceConfigurations = proto.DeviceConfigurations.Count > 0 ? proto.DeviceConfigurations.Clone() : null,
            };
            for (int a = 0; a < proto.Attribute.Count; a++)
                node.Attributes.AddRaw(ReadAttribute(proto.Attribute[a], scope, $"{where}.attribute['{proto.Attribute[a].Name}']"));
            node.Metadata.AddRange(ReadEntries(proto.MetadataProps));
            ProtoExtras.Remember(node, proto);
            graph.Nodes.Add(node);
        }
    }

    private IrAttribute ReadAttribute(AttributeProto proto, Scope scope, string location)
    {
        var type = proto.HasType ? (AttributeType)proto.Type : InferAttributeType(proto);
        object? value = type switch
        {
            AttributeType.Float => proto.F,
            AttributeType.Int => proto.I,
            AttributeType.String => proto.S.ToByteArray(),
            AttributeType.Tensor => proto.T is null ? null : ReadTensor(proto.T, location),
            AttributeType.Graph => proto.G is null ? null : ReadGraph(proto.G, scope, location),
            AttributeType.SparseTensor => proto.SparseTensor is null ? null : ReadSparseTensor(proto.SparseTensor, location),
            AttributeType.TypeProto => proto.Tp is null ? null : TypeProtoConverter.FromProto(proto.Tp),
            AttributeType.Floats => proto.Floats.ToArray(),
            AttributeType.Ints => proto.Ints.ToArray(),
            AttributeType.Strings => proto.Strings.Select(s => s.ToByteArray()).ToArray(),
            AttributeType.Tensors => proto.Tensors.Select((t, i) => ReadTensor(t, $"{location}[{i}]")).ToArray(),
            AttributeType.Graphs => proto.Graphs.Select((g, i) => ReadGraph(g, scope, $"{location}[{i}]")).ToArray(),
            AttributeType.SparseTensors => proto.SparseTensors.Select(s => ReadSparseTensor(s, location)).ToArray(),
            AttributeType.TypeProtos => proto.TypeProtos.Select(TypeProtoConverter.FromProto).ToArray(),
            _ => null,
        };
        var attribute = new IrAttribute(proto.Name, type, value, proto.HasRefAttrName ? proto.RefAttrName : null,
            proto.HasDocString ? proto.DocString : null);
        ProtoExtras.Remember(attribute, proto);
        return attribute;
    }

    /// <summary>Files from IR version 1 may omit the attribute type; it follows from the one field that is set.</summary>
    private static AttributeType InferAttributeType(AttributeProto proto) =>
        proto.HasF ? AttributeType.Float
        : proto.HasI ? AttributeType.Int
        : proto.HasS ? AttributeType.String
        : proto.T is not null ? AttributeType.Tensor
        : proto.G is not null ? AttributeType.Graph
        : proto.SparseTensor is not null ? AttributeType.SparseTensor
        : proto.Tp is not null ? AttributeType.TypeProto
        : proto.Floats.Count > 0 ? AttributeType.Floats
        : proto.Ints.Count > 0 ? AttributeType.Ints
        : proto.Strings.Count > 0 ? AttributeType.Strings
        : proto.Tensors.Count > 0 ? AttributeType.Tensors
        : proto.Graphs.Count > 0 ? AttributeType.Graphs
        : proto.SparseTensors.Count > 0 ? AttributeType.SparseTensors
        : proto.TypeProtos.Count > 0 ? AttributeType.TypeProtos
        : AttributeType.Undefined;

    public ITensor ReadTensor(TensorProto proto, string location)
    {
        var rawData = LiftedRawData(proto);
        var external = proto.HasDataLocation && proto.DataLocation == TensorProto.Types.DataLocation.External
            ? externalData.Resolve(proto, location)
            : null;
        return new ProtoTensor(proto, external, location, rawData);
    }

    /// <summary>Where a skeleton's tensor keeps its raw data: the marker is replaced by the range it names.</summary>
    private SourceRange? LiftedRawData(TensorProto proto)
    {
        if (skeleton is null || !proto.HasRawData) return null;
        int index = ModelSkeleton.MarkerIndex(proto.RawData.Span)
            ?? throw new InvalidOperationException("A tensor in the model skeleton holds raw data instead of a marker; the skeleton scanner missed a path to it.");
        var (offset, length) = skeleton.RawData[index];
        proto.ClearRawData();
        return new SourceRange(source!, offset, length);
    }

    private SparseTensor ReadSparseTensor(SparseTensorProto proto, string location)
    {
        var values = proto.Values is null ? new ProtoTensor(new TensorProto(), null, location) : ReadTensor(proto.Values, location);
        var indices = proto.Indices is null ? null : ReadTensor(proto.Indices, location);
        return new SparseTensor(values, indices, proto.Dims);
    }

    private static IEnumerable<KeyValuePair<string, string>> ReadEntries(IEnumerable<StringStringEntryProto> entries) =>
        entries.Select(e => new KeyValuePair<string, string>(e.Key, e.Value));

    /// <summary>The names visible in one graph: its own values, then those of enclosing graphs.</summary>
    private sealed class Scope(Scope? outer, Graph graph)
    {
        private readonly Dictionary<string, Value> values = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Queue<Value>> pendingOutputs = new(StringComparer.Ordinal);

        public Graph Graph { get; } = graph;

        public Value Declare(Value value)
        {
            values.TryAdd(value.Name, value);
            return value;
        }

        /// <summary>Pre-creates a node output; a name produced twice gets two values (reported by the checker).</summary>
        public void DeclareOutput(string name)
        {
            var value = new Value(name);
            if (!pendingOutputs.TryGetValue(name, out var queue)) pendingOutputs[name] = queue = new Queue<Value>();
            queue.Enqueue(value);
            values.TryAdd(name, value);
        }

        public Value TakeOutput(string name) => pendingOutputs[name].Dequeue();

        public Value? Local(string name) => values.GetValueOrDefault(name);

        /// <summary>Finds a name here or in an enclosing graph; an unknown name becomes a dangling value for the checker.</summary>
        public Value Resolve(string name)
        {
            for (var scope = this; scope is not null; scope = scope.outer)
            {
                if (scope.values.TryGetValue(name, out var value)) return value;
            }
            return Declare(new Value(name));
        }

        private readonly Scope? outer = outer;
    }
}
