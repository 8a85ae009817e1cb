using Google.Protobuf;
using Google.Protobuf.Collections;
using OnnxKit.Ir;
using OnnxKit.Serialization.Proto;
using IrAttribute = OnnxKit.Ir.Attribute;

namespace OnnxKit.Serialization;

/// <summary>
/// Builds a <see cref="ModelProto"/> from the IR. Optional fields are written only
/// when the IR holds a value, tensors read from a file are written back as read,
/// and fields the IR does not model are restored, so an unmodified model comes out
/// as it went in. Tensor data goes inline or to <see cref="ExternalDataWriter"/>.
/// </summary>
internal sealed class ModelWriter
{
    private readonly ExternalDataWriter? externalData;
    private readonly Func<Value, bool>? suppliedSeparately;

    /// <param name="externalData">Where tensors stored externally go; null writes every tensor inline.</param>
    /// <param name="suppliedSeparately">
    /// Main-graph initializers whose values a runtime will be handed in memory: they are written as
    /// placeholders (type and dims, with an external reference to <see cref="SuppliedLocation"/>).
    /// </param>
    public ModelWriter(ExternalDataWriter? externalData, Func<Value, bool>? suppliedSeparately = null)
    {
        this.externalData = externalData;
        this.suppliedSeparately = suppliedSeparately;
    }

    /// <summary>The external data location of a placeholder: a name no file has.</summary>
    public const string SuppliedLocation = "onnxkit-initializer-supplied-in-memory";

    public ModelProto Write(Model model)
    {
        var proto = new ModelProto { IrVersion = model.IrVersion, Graph = WriteGraph(model.Graph, isMain: true) };
        proto.OpsetImport.AddRange(model.OpsetImports.Select(WriteOpset));
        if (model.ProducerName is not null) proto.ProducerName = model.ProducerName;
        if (model.ProducerVersion is not null) proto.ProducerVersion = model.ProducerVersion;
        if (model.Domain is not null) proto.Domain = model.Domain;
        if (model.ModelVersion is long version) proto.ModelVersion = version;
        if (model.DocString is not null) proto.DocString = model.DocString;
        WriteEntries(proto.MetadataProps, model.Metadata);
        foreach (var info in model.TrainingInfo)
        {
            var t = new TrainingInfoProto();
            if (info.Initialization is not null) t.Initialization = WriteGraph(info.Initialization);
            if (info.Algorithm is not null) t.Algorithm = WriteGraph(info.Algorithm);
            WriteEntries(t.InitializationBinding, info.InitializationBinding);
            WriteEntries(t.UpdateBinding, info.UpdateBinding);
            proto.TrainingInfo.Add(t);
        }
        proto.Functions.AddRange(model.Functions.Select(WriteFunction));
        if (model.DeviceConfigurations is RepeatedField<DeviceConfigurationProto> configurations) proto.Configuration.AddRange(configurations);
        ProtoExtras.Restore(model, proto);
        return proto;
    }

    private static OperatorSetIdProto WriteOpset(OpsetImport opset)
    {
        var proto = new OperatorSetIdProto { Version = opset.Version };
        if (opset.DomainWasWritten || opset.Domain.Length > 0) proto.Domain = opset.Domain;
        return proto;
    }

    private FunctionProto WriteFunction(Function function)
    {
        var proto = new FunctionProto { Name = function.Name, Domain = function.Domain };
        if (function.Overload is not null) proto.Overload = function.Overload;
        if (function.DocString is not null) proto.DocString = function.DocString;
        proto.Input.AddRange(function.Body.Inputs.Select(v => v.Name));
        proto.Output.AddRange(function.Body.Outputs.Select(v => v.Name));
        proto.Attribute.AddRange(function.AttributeNames);
        proto.AttributeProto.AddRange(function.AttributeDefaults.Select(WriteAttribute));
        proto.Node.AddRange(function.Body.Nodes.Select(WriteNode));
        proto.OpsetImport.AddRange(function.OpsetImports.Select(WriteOpset));
        proto.ValueInfo.AddRange(function.Body.ValueInfo.Select(WriteValueInfo));
        WriteEntries(proto.MetadataProps, function.Metadata);
        ProtoExtras.Restore(function, proto);
        return proto;
    }

    private GraphProto WriteGraph(Graph graph) => WriteGraph(graph, isMain: false);

    private GraphProto WriteGraph(Graph graph, bool isMain)
    {
        var proto = new GraphProto();
        if (graph.Name is not null) proto.Name = graph.Name;
        if (graph.DocString is not null) proto.DocString = graph.DocString;
        proto.Node.AddRange(graph.Nodes.Select(WriteNode));
        proto.Initializer.AddRange(graph.Initializers.Select(v => isMain && suppliedSeparately?.Invoke(v) == true
            ? Placeholder(v.ConstValue!, v.Name)
            : WriteTensor(v.ConstValue!, v.Name, isInitializer: true)));
        proto.SparseInitializer.AddRange(graph.SparseInitializers.Select(WriteSparseTensor));
        proto.Input.AddRange(graph.Inputs.Select(WriteValueInfo));
        proto.Output.AddRange(graph.Outputs.Select(WriteValueInfo));
        proto.ValueInfo.AddRange(graph.ValueInfo.Select(WriteValueInfo));
        foreach (var annotation in graph.QuantizationAnnotations)
        {
            var a = new TensorAnnotation();
            if (annotation.TensorName is not null) a.TensorName = annotation.TensorName;
            WriteEntries(a.QuantParameterTensorNames, annotation.ParameterTensorNames);
            proto.QuantizationAnnotation.Add(a);
        }
        WriteEntries(proto.MetadataProps, graph.Metadata);
        ProtoExtras.Restore(graph, proto);
        return proto;
    }

    private static ValueInfoProto WriteValueInfo(Value value)
    {
        var proto = new ValueInfoProto { Name = value.Name };
        if (value.Type is not null) proto.Type = TypeProtoConverter.ToProto(value.Type);
        if (value.DocString is not null) proto.DocString = value.DocString;
        WriteEntries(proto.MetadataProps, value.Metadata);
        ProtoExtras.Restore(value, proto);
        return proto;
    }

    private NodeProto WriteNode(Node node)
    {
        var proto = new NodeProto { OpType = node.OpType };
        proto.Input.AddRange(node.Inputs.Select(v => v?.Name ?? ""));
        proto.Output.AddRange(node.Outputs.Select(v => v.Name));
        if (node.Name is not null) proto.Name = node.Name;
        if (node.DomainWasWritten || node.Domain.Length > 0) proto.Domain = node.Domain;
        if (node.Overload is not null) proto.Overload = node.Overload;
        if (node.DocString is not null) proto.DocString = node.DocString;
        proto.Attribute.AddRange(node.Attributes.Select(WriteAttribute));
        WriteEntries(proto.MetadataProps, node.Metadata);
        if (node.DeviceConfigurations is RepeatedField<NodeDeviceConfigurationProto> configurations) proto.DeviceConfigurations.AddRange(configurations);
        ProtoExtras.Restore(node, proto);
        return proto;
    }

    private AttributeProto WriteAttribute(IrAttribute attribute)
    {
        var proto = new AttributeProto { Name = attribute.Name };
        if (attribute.Type != AttributeType.Undefined) proto.Type = (AttributeProto.Types.AttributeType)attribute.Type;
        if (attribute.RefAttributeName is not null) proto.RefAttrName = attribute.RefAttributeName;
        if (attribute.DocString is not null) proto.DocString = attribute.DocString;
        switch (attribute.Value)
        {
            case float f: proto.F = f; break;
            case long i: proto.I = i; break;
            case byte[] s: proto.S = ByteString.CopyFrom(s); break;
            case ITensor t: proto.T = WriteTensor(t, t.Name); break;
            case Graph g: proto.G = WriteGraph(g); break;
            case SparseTensor st: proto.SparseTensor = WriteSparseTensor(st); break;
            case OnnxType tp: proto.Tp = TypeProtoConverter.ToProto(tp); break;
            case float[] fs: proto.Floats.AddRange(fs); break;
            case long[] ls: proto.Ints.AddRange(ls); break;
            case byte[][] ss: proto.Strings.AddRange(ss.Select(ByteString.CopyFrom)); break;
            case ITensor[] ts: proto.Tensors.AddRange(ts.Select(t => WriteTensor(t, t.Name))); break;
            case Graph[] gs: proto.Graphs.AddRange(gs.Select(WriteGraph)); break;
            case SparseTensor[] sts: proto.SparseTensors.AddRange(sts.Select(WriteSparseTensor)); break;
            case OnnxType[] tps: proto.TypeProtos.AddRange(tps.Select(TypeProtoConverter.ToProto)); break;
        }
        ProtoExtras.Restore(attribute, proto);
        return proto;
    }

    private SparseTensorProto WriteSparseTensor(SparseTensor sparse)
    {
        var proto = new SparseTensorProto { Values = WriteTensor(sparse.Values, sparse.Values.Name) };
        if (sparse.Indices is not null) proto.Indices = WriteTensor(sparse.Indices, sparse.Indices.Name);
        proto.Dims.AddRange(sparse.Dims);
        return proto;
    }

    /// <summary>
    /// Writes a tensor under <paramref name="name"/>: as read when possible, else rebuilt, inline or
    /// external. Only initializers are moved out by size (as onnx's own converter does by default, and
    /// because ONNX Runtime mis-reads external data in Constant nodes); other tensors go external only
    /// when they already were.
    /// </summary>
    private TensorProto WriteTensor(ITensor tensor, string? name, bool isInitializer = false)
    {
        if (externalData is not null && externalData.ShouldStoreExternally(tensor, isInitializer))
            return externalData.Write(tensor, name, tensor is ProtoTensor p ? p.Proto : null);
        if (tensor is ProtoTensor { External: null } original)
        {
            if (original.Name == name) return original.WithRawData();
            var renamed = original.RawData is null ? original.Proto.Clone() : original.WithRawData();
            if (name is null) renamed.ClearName();
            else renamed.Name = name;
            return renamed;
        }
        return TensorProtoBuilder.Inline(tensor, name);
    }

    /// <summary>Type and dims, with an external reference to <see cref="SuppliedLocation"/> at offset 0 (no data is ever read there).</summary>
    private static TensorProto Placeholder(ITensor tensor, string name)
    {
        var proto = TensorProtoBuilder.Header(tensor, name);
        proto.DataLocation = TensorProto.Types.DataLocation.External;
        proto.ExternalData.Add(new StringStringEntryProto { Key = "location", Value = SuppliedLocation });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "offset", Value = "0" });
        proto.ExternalData.Add(new StringStringEntryProto { Key = "length", Value = tensor.ByteCount.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        return proto;
    }

    private static void WriteEntries(RepeatedField<StringStringEntryProto> target, IEnumerable<KeyValuePair<string, string>> entries) =>
        target.AddRange(entries.Select(e => new StringStringEntryProto { Key = e.Key, Value = e.Value }));
}
