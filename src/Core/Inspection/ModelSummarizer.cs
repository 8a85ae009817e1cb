using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using OnnxKit.Ir;

namespace OnnxKit.Inspection;

/// <summary>
/// Builds the Keras-style <see cref="ModelSummary"/> of an ONNX model, node by node or layer by
/// layer (<see cref="SummaryGrouping"/>); reads no tensor data, only shapes.
/// </summary>
/// <remarks>
/// <para>
/// A row's parameters are the elements of the weights its nodes read, directly or from inside
/// their subgraphs: initializers and the numeric tensors of Constant nodes (<see cref="ParameterTensors"/>;
/// PaddleOCR's and Silero's exporters keep every weight in Constant nodes); a weight read by several rows
/// counts at the first. The totals cover the weights of every graph, so
/// <see cref="ModelSummary.UnusedParameters"/> are those no node reads. The node view counts every such
/// tensor, as <c>inspect</c> and <c>optimize</c> do; the layer view only Keras-like weights
/// (<see cref="IsLayerWeight"/>). Models exported by OnnxKit record their non-trainable weights and layer types in
/// metadata (<see cref="NonTrainableKey"/>, <see cref="LayerTypesKey"/>); for other models only
/// batch-normalization statistics count as non-trainable.
/// </para>
/// <para>
/// Layers are name scopes: <c>dense_1/Gemm</c> belongs to <c>dense_1</c>, <c>model/conv1/Conv</c>
/// to <c>model/conv1</c>, and the nodes of a nested OnnxKit model (<c>model/layer/Op</c>) to the
/// top-level layer named in metadata. A layer's output shape is that of the value named like the
/// layer, else of its last node's first output.
/// </para>
/// </remarks>
public static partial class ModelSummarizer
{
    /// <summary>Metadata key: JSON object of layer name → layer type, written by the exporter.</summary>
    public const string LayerTypesKey = "onnxkit.layer_types";

    /// <summary>Metadata key: JSON array of the non-trainable initializer names, written by the exporter.</summary>
    public const string NonTrainableKey = "onnxkit.non_trainable";

    /// <summary>Summarizes the main graph of <paramref name="model"/>.</summary>
    public static ModelSummary Summarize(Model model, SummaryGrouping grouping = SummaryGrouping.Nodes)
    {
        var graph = model.Graph;
        bool byLayer = grouping == SummaryGrouping.Layers;
        var layerTypes = byLayer ? ReadMetadata<Dictionary<string, string>>(model, LayerTypesKey) ?? [] : [];
        var nonTrainable = ReadMetadata<string[]>(model, NonTrainableKey)?.ToHashSet(StringComparer.Ordinal) ?? BatchNormStatistics(graph);
        var stored = ParameterTensors.Of(model).ToDictionary(p => p.Value);
        bool IsParameter(Value value) => stored.TryGetValue(value, out var p) && (!byLayer || IsLayerWeight(p));

        var groups = byLayer ? GroupByScope(graph, layerTypes) : graph.Nodes.Select((node, i) => (Name: NodeName(node, i), Nodes: new List<Node> { node })).ToList();
        var groupOf = groups.SelectMany(g => g.Nodes.Select(n => (Node: n, g.Name))).ToDictionary(p => p.Node, p => p.Name);
        var inputs = graph.Inputs.Where(v => v.ConstValue is null).ToArray();

        var rows = inputs.Select(input => byLayer
            ? new SummaryRow(input.Name, "InputLayer", $"[{KerasShape(input.Type)}]", 0, [])
            : new SummaryRow(input.Name, "Input", Shape(input.Type), 0, [])).ToList();
        var counted = new HashSet<Value>();
        foreach (var (name, nodes) in groups)
        {
            long parameters = 0;
            foreach (var weight in nodes.SelectMany(n => WeightsRead(n, stored)).Where(IsParameter))
            {
                if (counted.Add(weight)) parameters += stored[weight].Tensor.ElementCount;
            }

            // Channels-last exports transpose an input in nodes named after it: they belong to the input's row.
            if (inputs.Any(i => i.Name == name)) continue;
            string type = byLayer
                ? layerTypes.GetValueOrDefault(name) ?? string.Join("+", nodes.Select(OpName).Where(op => op != "Constant").Distinct())
                : OpName(nodes[0]);
            string outputShape = byLayer
                ? KerasShape((nodes.SelectMany(n => n.Outputs).FirstOrDefault(v => v.Name == name) ?? nodes[^1].Outputs[0]).Type)
                : string.Join(", ", nodes[0].Outputs.Where(o => o.Name.Length > 0).Select(o => Shape(o.Type)));
            rows.Add(new SummaryRow(name, type, outputShape, parameters, Connections(name, nodes, groupOf, inputs)));
        }

        var weights = stored.Values.Where(p => IsParameter(p.Value)).ToList();
        long total = weights.Sum(w => w.Tensor.ElementCount);
        long frozen = weights.Where(w => nonTrainable.Contains(w.Value.Name)).Sum(w => w.Tensor.ElementCount);
        bool sequentialLike = inputs.Length == 1 && graph.Outputs.Count == 1
            && rows.Skip(1).Select((row, i) => row.ConnectedTo.Count == 1 && row.ConnectedTo[0] == $"{rows[i].Name}[0][0]").All(ok => ok);
        return new ModelSummary(string.IsNullOrEmpty(graph.Name) ? "model" : graph.Name, rows, total, total - frozen, sequentialLike)
        {
            ParameterBytes = weights.Sum(w => w.Tensor.ByteCount),
            UnusedParameters = total - rows.Sum(r => r.Parameters),
            ConstantNodeParameters = weights.Where(w => w.Storage == ParameterStorage.ConstantNode).Sum(w => w.Tensor.ElementCount),
        };
    }

    /// <summary>
    /// Whether a parameter is a weight in Keras's sense, for the layer view: not an integer tensor (shapes,
    /// pads, axes) and, for a Constant node, more than one element (exporters write Clip bounds and other
    /// scalars as Constant nodes; a layer's scalar weight, such as a shared PReLU slope, is an initializer).
    /// </summary>
    private static bool IsLayerWeight(ParameterTensor parameter) =>
        parameter.Tensor.DataType is not (DataType.Int32 or DataType.Int64)
        && (parameter.Storage == ParameterStorage.Initializer || parameter.Tensor.ElementCount > 1);

    /// <summary>A shape with its dim names: <c>(N, 64)</c>, <c>()</c> for a scalar, <c>seq (N, 4)</c>, <c>?</c> when unknown.</summary>
    private static string Shape(OnnxType? type) => type switch
    {
        TensorType { Shape: { } shape } => "(" + string.Join(", ", shape.Select(d => d.ToString())) + ")",
        SequenceType s => $"seq {Shape(s.ElementType)}",
        _ => "?",
    };

    /// <summary>A shape as Keras prints it, every symbolic dim as <c>None</c>: <c>(None, 64)</c>.</summary>
    private static string KerasShape(OnnxType? type)
    {
        if (type is not TensorType { Shape: { } shape }) return "?";
        return "(" + string.Join(", ", shape.Select(d => d.Value is long v ? v.ToString(CultureInfo.InvariantCulture) : "None")) + ")";
    }

    private static string OpName(Node node) => node.IsDefaultDomain ? node.OpType : $"{node.Domain}.{node.OpType}";

    private static string NodeName(Node node, int index) =>
        !string.IsNullOrEmpty(node.Name) ? node.Name : node.Outputs.FirstOrDefault(o => o.Name.Length > 0)?.Name ?? $"{node.OpType.ToLowerInvariant()}_{index}";

    /// <summary>The nodes grouped into layers, in order of each layer's first node.</summary>
    private static List<(string Name, List<Node> Nodes)> GroupByScope(Graph graph, Dictionary<string, string> layerTypes)
    {
        var groups = new List<(string Name, List<Node> Nodes)>();
        int index = 0;
        foreach (var node in graph.Nodes)
        {
            string name = Scope(node, index++, layerTypes);
            var group = groups.FindLast(g => g.Name == name);
            if (group.Nodes is null)
            {
                group = (name, []);
                groups.Add(group);
            }
            group.Nodes.Add(node);
        }
        return groups;
    }

    /// <summary>
    /// The layer a node belongs to: for OnnxKit's models the top-level layer its name starts
    /// with (nested models' nodes are named <c>model/layer/Op</c>), otherwise its name scope.
    /// </summary>
    private static string Scope(Node node, int index, Dictionary<string, string> knownLayers)
    {
        string? name = node.Name;
        if (string.IsNullOrEmpty(name)) return $"{node.OpType.ToLowerInvariant()}_{index}";
        int first = name.IndexOf('/');
        if (first > 0)
        {
            // A layer called again names its nodes layer_callN/...; they belong to the layer's row.
            string head = CallSuffix().Replace(name[..first], "");
            if (knownLayers.ContainsKey(head)) return head;
        }
        int slash = name.LastIndexOf('/');
        return slash > 0 ? name[..slash] : name;
    }

    /// <summary>The rows feeding a row, as Keras writes them (<c>dense[0][0]</c>), each once.</summary>
    private static List<string> Connections(string name, List<Node> nodes, Dictionary<Node, string> groupOf, Value[] inputs)
    {
        var connections = new List<string>();
        foreach (var input in nodes.SelectMany(n => n.Inputs).OfType<Value>().Where(v => v.ConstValue is null))
        {
            string? source = input.Producer is { } producer ? groupOf[producer] : inputs.Contains(input) ? input.Name : null;
            string connection = $"{source}[0][0]";
            if (source is not null && source != name && !connections.Contains(connection)) connections.Add(connection);
        }
        return connections;
    }

    /// <summary>The weights <paramref name="node"/> reads, directly or from inside its subgraphs.</summary>
    private static IEnumerable<Value> WeightsRead(Node node, IReadOnlyDictionary<Value, ParameterTensor> weights)
    {
        foreach (var input in node.Inputs)
        {
            if (input is not null && weights.ContainsKey(input)) yield return input;
        }

        foreach (var subgraph in node.Subgraphs())
        {
            foreach (var initializer in subgraph.Initializers) yield return initializer;
            foreach (var weight in subgraph.Nodes.SelectMany(n => WeightsRead(n, weights))) yield return weight;
        }
    }

    private static HashSet<string> BatchNormStatistics(Graph graph) =>
        graph.Nodes.Where(n => n.OpType == "BatchNormalization" && n.Inputs.Count >= 5)
            .SelectMany(n => new[] { n.Inputs[3]?.Name, n.Inputs[4]?.Name }).OfType<string>().ToHashSet(StringComparer.Ordinal);

    private static T? ReadMetadata<T>(Model model, string key) where T : class
    {
        var entry = model.Metadata.FirstOrDefault(m => m.Key == key);
        if (entry.Value is null) return null;
        try
        {
            return JsonSerializer.Deserialize<T>(entry.Value);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"_call\d+$")]
    private static partial Regex CallSuffix();
}
