using OnnxKit.Ir;

namespace OnnxKit.Inspection;

/// <summary>Builds a <see cref="ModelInspection"/>; reads no tensor data.</summary>
public static class ModelInspector
{
    /// <summary>Describes <paramref name="model"/>.</summary>
    public static ModelInspection Inspect(Model model)
    {
        var graphs = model.AllGraphs().ToList();
        var nodes = graphs.SelectMany(g => g.Nodes).ToList();
        var initializers = graphs.SelectMany(g => g.Initializers).Select(v => v.ConstValue!).ToList();
        var parameters = ParameterTensors.Of(model).ToList();
        var constants = parameters.Where(p => p.Storage == ParameterStorage.ConstantNode).ToList();
        var mainInitializers = model.Graph.Initializers.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);

        return new ModelInspection
        {
            IrVersion = model.IrVersion,
            Producer = JoinNonEmpty(model.ProducerName, model.ProducerVersion),
            Domain = model.Domain,
            ModelVersion = model.ModelVersion,
            DocString = model.DocString,
            OpsetImports = model.OpsetImports.Select(o => o.ToString()).ToList(),
            Inputs = model.Graph.Inputs.Where(v => !mainInitializers.Contains(v.Name)).Select(Describe).ToList(),
            Outputs = model.Graph.Outputs.Select(Describe).ToList(),
            OpHistogram = nodes.GroupBy(n => n.IsDefaultDomain ? n.OpType : $"{n.Domain}.{n.OpType}")
                .Select(g => new OpCount(g.Key, g.Count()))
                .OrderByDescending(c => c.Count).ThenBy(c => c.OpType, StringComparer.Ordinal).ToList(),
            NodeCount = nodes.Count,
            SubgraphCount = nodes.Sum(n => n.Subgraphs().Count()),
            Functions = model.Functions.Select(f => $"{f.Domain}.{f.Name}").ToList(),
            ParameterCount = parameters.Sum(p => p.Tensor.ElementCount),
            ConstantNodeParameterCount = constants.Sum(p => p.Tensor.ElementCount),
            ConstantNodeCount = constants.Count,
            ParametersByType = parameters.Select(p => p.Tensor).GroupBy(t => t.DataType)
                .Select(g => new ParameterGroup(g.Key.OnnxName(), g.Sum(t => t.ElementCount), g.Sum(t => t.ByteCount)))
                .OrderByDescending(p => p.Bytes).ToList(),
            ExternalData = initializers.Where(t => t.ExternalReference() is not null)
                .GroupBy(t => t.ExternalReference()!.Location)
                .Select(g => new ExternalFileUse(g.Key, g.Count(), g.Sum(t => t.ByteCount))).ToList(),
            Metadata = model.Metadata.ToList(),
        };
    }

    /// <summary>Name, element type and shape of a value, as text.</summary>
    public static ValueDescription Describe(Value value) => value.Type switch
    {
        TensorType t => new ValueDescription(value.Name, t.ElementType.OnnxName(), t.Shape?.Select(d => d.ToString()).ToList(), t.ToString()),
        null => new ValueDescription(value.Name, "?", null, "untyped"),
        var other => new ValueDescription(value.Name, other.ToString(), null, other.ToString()),
    };

    private static string? JoinNonEmpty(string? a, string? b)
    {
        string joined = string.Join(" ", new[] { a, b }.Where(s => !string.IsNullOrEmpty(s)));
        return joined.Length == 0 ? null : joined;
    }
}
