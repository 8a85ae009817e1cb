using OnnxKit.Serialization;

namespace OnnxKit.Ir;

/// <summary>
/// Deep copies of models: new graphs, nodes, values and functions, wired the same way,
/// carrying everything the serializer writes (including fields the IR keeps for
/// byte-identical saves). Tensors, types, plain attributes and the verbatim device
/// configurations are never modified in place, so they are shared.
/// </summary>
internal sealed class ModelCopier
{
    private readonly Dictionary<Value, Value> values = new(ReferenceEqualityComparer.Instance);

    public static Model Copy(Model model)
    {
        var copier = new ModelCopier();
        var copy = new Model(copier.CopyGraph(model.Graph), model.IrVersion, model.OpsetImports)
        {
            ProducerName = model.ProducerName,
            ProducerVersion = model.ProducerVersion,
            Domain = model.Domain,
            ModelVersion = model.ModelVersion,
            DocString = model.DocString,
            DeviceConfigurations = model.DeviceConfigurations,
        };
        copy.Metadata.AddRange(model.Metadata);
        foreach (var function in model.Functions) copy.Functions.Add(copier.CopyFunction(function));
        foreach (var info in model.TrainingInfo)
        {
            var t = new TrainingInfo
            {
                Initialization = info.Initialization is null ? null : copier.CopyGraph(info.Initialization),
                Algorithm = info.Algorithm is null ? null : copier.CopyGraph(info.Algorithm),
            };
            t.InitializationBinding.AddRange(info.InitializationBinding);
            t.UpdateBinding.AddRange(info.UpdateBinding);
            copy.TrainingInfo.Add(t);
        }
        ProtoExtras.Copy(model, copy);
        return copy;
    }

    private Function CopyFunction(Function function)
    {
        var copy = new Function(function.Domain, function.Name, CopyGraph(function.Body), function.OpsetImports)
        {
            Overload = function.Overload,
            DocString = function.DocString,
        };
        copy.AttributeNames.AddRange(function.AttributeNames);
        copy.AttributeDefaults.AddRange(function.AttributeDefaults.Select(CopyAttribute));
        copy.Metadata.AddRange(function.Metadata);
        ProtoExtras.Copy(function, copy);
        return copy;
    }

    private Graph CopyGraph(Graph graph)
    {
        var copy = new Graph(graph.Name) { DocString = graph.DocString };
        foreach (var input in graph.Inputs) copy.Inputs.Add(Map(input));
        foreach (var init in graph.Initializers) copy.Initializers.Add(Map(init));
        copy.SparseInitializers.AddRange(graph.SparseInitializers);
        foreach (var node in graph.Nodes)
        {
            foreach (var output in node.Outputs) values[output] = CopyValue(output);
        }
        foreach (var node in graph.Nodes) copy.Nodes.Add(CopyNode(node));
        foreach (var output in graph.Outputs) copy.Outputs.Add(Map(output));
        foreach (var info in graph.ValueInfo) copy.ValueInfo.Add(Map(info));
        copy.QuantizationAnnotations.AddRange(graph.QuantizationAnnotations);
        copy.Metadata.AddRange(graph.Metadata);
        ProtoExtras.Copy(graph, copy);
        return copy;
    }

    private Node CopyNode(Node node)
    {
        var copy = new Node(node.Domain, node.OpType, node.Inputs.Select(v => v is null ? null : Map(v)),
            node.Outputs.Select(o => values[o]), name: node.Name)
        {
            Overload = node.Overload,
            DocString = node.DocString,
            DomainWasWritten = node.DomainWasWritten,
            DeviceConfigurations = node.DeviceConfigurations,
        };
        foreach (var attribute in node.Attributes) copy.Attributes.AddRaw(CopyAttribute(attribute));
        copy.Metadata.AddRange(node.Metadata);
        ProtoExtras.Copy(node, copy);
        return copy;
    }

    /// <summary>Attributes are immutable except for the graphs they hold, which are copied.</summary>
    private Attribute CopyAttribute(Attribute attribute)
    {
        object? value = attribute.Value switch
        {
            Graph g => CopyGraph(g),
            Graph[] gs => gs.Select(CopyGraph).ToArray(),
            _ => null,
        };
        if (value is null) return attribute;
        var copy = new Attribute(attribute.Name, attribute.Type, value, attribute.RefAttributeName, attribute.DocString);
        ProtoExtras.Copy(attribute, copy);
        return copy;
    }

    /// <summary>The copy of <paramref name="value"/>; values first seen here (inputs, initializers, dangling names) are copied now.</summary>
    private Value Map(Value value)
    {
        if (!values.TryGetValue(value, out var copy)) values[value] = copy = CopyValue(value);
        return copy;
    }

    private static Value CopyValue(Value value)
    {
        var copy = new Value(value.Name, value.Type) { DocString = value.DocString, ConstValue = value.ConstValue };
        copy.Metadata.AddRange(value.Metadata);
        ProtoExtras.Copy(value, copy);
        return copy;
    }
}
