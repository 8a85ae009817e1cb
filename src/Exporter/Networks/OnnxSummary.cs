using System.Globalization;
using System.Text.Json;
using OnnxKit.Ir;

namespace OnnxKit.Exporter.Networks;

/// <summary>
/// A Keras-style summary of an ONNX file. Nodes are grouped into layers by their name scope
/// (everything before the last <c>/</c>: <c>dense_1/Gemm</c> belongs to <c>dense_1</c>,
/// <c>model/conv1/Conv</c> to <c>model/conv1</c>); a node without a scope is its own row. A
/// layer's parameters are the initializer elements its nodes read (each initializer counted
/// once; 32- and 64-bit integer initializers are shapes or indices, not parameters); its output shape is that of the value named like the layer, else of its last
/// node's first output. Models exported by OnnxKit carry their layer types and
/// non-trainable weights in metadata, so their tables match <see cref="Network.Summary"/>;
/// for other models the type column lists the operators and only batch-normalization
/// statistics count as non-trainable.
/// </summary>
public static partial class OnnxSummary
{
    /// <summary>Metadata key: JSON object of layer name → layer type, written by the exporter.</summary>
    public const string LayerTypesKey = "onnxkit.layer_types";

    /// <summary>Metadata key: JSON array of the non-trainable initializer names, written by the exporter.</summary>
    public const string NonTrainableKey = "onnxkit.non_trainable";

    /// <summary>Summarizes the main graph of <paramref name="model"/>.</summary>
    public static SummaryReport Build(Model model)
    {
        var graph = model.Graph;
        var types = ReadMetadata<Dictionary<string, string>>(model, LayerTypesKey) ?? [];
        var nonTrainable = ReadMetadata<string[]>(model, NonTrainableKey)?.ToHashSet() ?? BatchNormStatistics(graph);
        var initializers = graph.Initializers.ToDictionary(i => i.Name);

        var groups = new List<(string Name, List<Node> Nodes)>();
        var groupOf = new Dictionary<Node, string>();
        foreach (var node in graph.Nodes)
        {
            string name = Scope(node, groups.Count, types);
            var group = groups.FindLast(g => g.Name == name);
            if (group.Nodes is null)
            {
                group = (name, []);
                groups.Add(group);
            }
            group.Nodes.Add(node);
            groupOf[node] = name;
        }

        var rows = new List<SummaryRow>();
        var realInputs = graph.Inputs.Where(i => !initializers.ContainsKey(i.Name)).ToArray();
        foreach (var input in realInputs) rows.Add(new SummaryRow(input.Name, "InputLayer", $"[{Format(input)}]", 0, []));
        var counted = new HashSet<string>();
        long total = 0, trainable = 0;
        foreach (var (name, nodes) in groups)
        {
            long parameters = 0;
            var connections = new List<string>();
            foreach (var input in nodes.SelectMany(n => n.Inputs).OfType<Value>())
            {
                if (initializers.TryGetValue(input.Name, out var init))
                {
                    if (!counted.Add(input.Name) || init.ConstValue?.DataType is DataType.Int64 or DataType.Int32) continue;
                    long elements = init.ConstValue?.ElementCount ?? 0;
                    parameters += elements;
                    total += elements;
                    if (!nonTrainable.Contains(input.Name)) trainable += elements;
                    continue;
                }
                string? source = input.Producer is { } producer ? groupOf[producer] : realInputs.Contains(input) ? input.Name : null;
                string connection = $"{source}[0][0]";
                if (source is not null && source != name && !connections.Contains(connection)) connections.Add(connection);
            }
            if (realInputs.Any(i => i.Name == name)) continue; // channels-last input transposes belong to the input row
            var output = nodes.SelectMany(n => n.Outputs).FirstOrDefault(v => v.Name == name) ?? nodes[^1].Outputs[0];
            string type = types.GetValueOrDefault(name) ?? string.Join("+", nodes.Select(n => n.OpType).Where(op => op != "Constant").Distinct());
            rows.Add(new SummaryRow(name, type, Format(output), parameters, connections));
        }
        bool sequentialLike = realInputs.Length == 1 && graph.Outputs.Count == 1
            && rows.Skip(1).Select((row, i) => row.ConnectedTo.Count == 1 && row.ConnectedTo[0] == $"{rows[i].Name}[0][0]").All(ok => ok);
        return new SummaryReport(graph.Name ?? "model", rows, total, trainable, sequentialLike);
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

    private static string Format(Value value)
    {
        if (value.TensorType?.Shape is not { } shape) return "?";
        var dims = shape.Select(d => d.Value is long v ? v.ToString(CultureInfo.InvariantCulture) : "None");
        return "(" + string.Join(", ", dims) + ")";
    }

    private static HashSet<string> BatchNormStatistics(Graph graph) =>
        graph.Nodes.Where(n => n.OpType == "BatchNormalization" && n.Inputs.Count >= 5)
            .SelectMany(n => new[] { n.Inputs[3]?.Name, n.Inputs[4]?.Name }).OfType<string>().ToHashSet();

    private static T? ReadMetadata<T>(Model model, string key) where T : class
    {
        var entry = model.Metadata.FirstOrDefault(m => m.Key == key);
        if (entry.Value is null) return null;
        try { return JsonSerializer.Deserialize<T>(entry.Value); }
        catch (JsonException) { return null; }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"_call\d+$")]
    private static partial System.Text.RegularExpressions.Regex CallSuffix();
}
