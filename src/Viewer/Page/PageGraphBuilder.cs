using OnnxKit.Ir;
using OnnxKit.Schemas;
using OnnxKit.Viewer.Graphs;
using OnnxKit.Viewer.Statistics;

namespace OnnxKit.Viewer.Page;

/// <summary>
/// Turns one model's graphs into <see cref="PageGraph"/>s of a <see cref="PageDocument"/>: a box per
/// node plus input and output markers, an edge per (producer, consumer, value) labelled with the
/// value's type, and weights folded into the nodes that read them rather than drawn as boxes:
/// initializers, and the tensors of <c>Constant</c> nodes (exporters such as PaddlePaddle's and
/// PyTorch's in subgraphs hold weights that way), unless the constant is a graph output. Subgraphs
/// become graphs of their own, referenced from the node holding them.
/// </summary>
internal sealed class PageGraphBuilder
{
    private readonly PageDocument document;
    private readonly Model model;
    private readonly string idPrefix;
    private readonly int statisticsBudget;
    private readonly Dictionary<Value, (string Id, PageGraph Graph)> sources = [];
    private readonly Dictionary<ITensor, int> tensors = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Value, ITensor> foldedConstants = [];
    private int nextId;

    /// <param name="document">The document to add graphs and tensors to.</param>
    /// <param name="model">The model whose graphs are added.</param>
    /// <param name="idPrefix">Prefix of every node id, so two models' ids never collide in one page.</param>
    /// <param name="statisticsBudget">Most elements read per weight for its statistics.</param>
    public PageGraphBuilder(PageDocument document, Model model, string idPrefix, int statisticsBudget)
    {
        this.document = document;
        this.model = model;
        this.idPrefix = idPrefix;
        this.statisticsBudget = statisticsBudget;
    }

    /// <summary>The box of each node added so far.</summary>
    public Dictionary<Node, PageNode> NodeBoxes { get; } = [];

    /// <summary>The markers of the main graph's inputs and outputs, by value name.</summary>
    public Dictionary<string, PageNode> InputMarkers { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc cref="InputMarkers"/>
    public Dictionary<string, PageNode> OutputMarkers { get; } = new(StringComparer.Ordinal);

    /// <summary>Adds <paramref name="graph"/> and, recursively, its subgraphs; returns its index.</summary>
    public int AddGraph(Graph graph, bool isMain)
    {
        var page = new PageGraph { Id = document.Graphs.Count, Name = graph.Name ?? "" };
        document.Graphs.Add(page);
        var edges = new HashSet<(string, string, string)>();

        foreach (var input in graph.Inputs.Where(v => v.ConstValue is null))
        {
            var marker = new PageNode { Id = NewId("i"), Kind = PageNodeKind.Input, Name = input.Name, Op = TypeLabels.Format(input.Type), Category = "input" };
            marker.Outputs.Add(new PagePort { Param = "", Value = input.Name, Type = marker.Op });
            page.Nodes.Add(marker);
            sources[input] = (marker.Id, page);
            if (isMain) InputMarkers[input.Name] = marker;
        }

        foreach (var node in graph.Nodes)
        {
            if (ConstantTensor(node, graph) is { } constant)
            {
                foldedConstants[node.Outputs[0]] = constant;
                continue;
            }
            var box = AddNode(node, page);
            page.Nodes.Add(box);
            for (int i = 0; i < node.Inputs.Count; i++)
            {
                if (node.Inputs[i] is { ConstValue: null } value && !foldedConstants.ContainsKey(value)) Connect(page, edges, value, box.Id);
            }
        }

        foreach (var output in graph.Outputs)
        {
            var marker = new PageNode { Id = NewId("o"), Kind = PageNodeKind.Output, Name = output.Name, Op = TypeLabels.Format(output.Type), Category = "output" };
            marker.Inputs.Add(Port("", output));
            page.Nodes.Add(marker);
            if (output.ConstValue is null) Connect(page, edges, output, marker.Id);
            if (isMain) OutputMarkers[output.Name] = marker;
        }

        return page.Id;
    }

    private PageNode AddNode(Node node, PageGraph page)
    {
        var box = new PageNode
        {
            Id = NewId("n"),
            Kind = PageNodeKind.Op,
            Name = node.Name ?? "",
            Op = node.OpType,
            Domain = node.IsDefaultDomain ? null : node.Domain,
            Category = OpCategories.Of(node).ToString().ToLowerInvariant(),
            Doc = string.IsNullOrEmpty(node.DocString) ? null : node.DocString,
            Precision = NodePrecision.Of(node),
        };
        NodeBoxes[node] = box;

        var parameterNames = FormalInputNames(node);
        for (int i = 0; i < node.Inputs.Count; i++)
        {
            string param = i < parameterNames.Count ? parameterNames[i] : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            box.Inputs.Add(node.Inputs[i] is { } value ? Port(param, value) : new PagePort { Param = param, Value = "" });
        }

        for (int i = 0; i < node.Outputs.Count; i++)
        {
            box.Outputs.Add(Port(i.ToString(System.Globalization.CultureInfo.InvariantCulture), node.Outputs[i]));
            sources[node.Outputs[i]] = (box.Id, page);
        }

        foreach (var attribute in node.Attributes)
        {
            box.Attributes.Add(new PageAttribute
            {
                Name = attribute.Name,
                Type = attribute.Type.ToString().ToLowerInvariant(),
                Value = attribute.RefAttributeName is { } reference ? "@" + reference : AttributeFormatter.Format(attribute),
                Tensor = attribute.Value is ITensor tensor ? TensorIndex(tensor, node.Outputs.FirstOrDefault()?.Name ?? attribute.Name) : null,
            });
            foreach (var subgraph in attribute.Subgraphs())
            {
                box.Subgraphs.Add(new PageSubgraph { Attribute = attribute.Name, Graph = AddGraph(subgraph, isMain: false) });
            }
        }

        return box;
    }

    /// <summary>Adds the edge carrying <paramref name="value"/> into <paramref name="consumerId"/>, once.</summary>
    private void Connect(PageGraph page, HashSet<(string, string, string)> edges, Value value, string consumerId)
    {
        if (!sources.TryGetValue(value, out var source)) return; // read but never defined: the checker reports it
        if (!edges.Add((source.Id, consumerId, value.Name))) return;
        page.Edges.Add(new PageEdge
        {
            From = source.Id,
            To = consumerId,
            Value = value.Name,
            Label = TypeLabels.Format(value.Type),
            Outer = source.Graph != page ? true : null,
        });
    }

    /// <summary>The tensor of a <c>Constant</c> node that holds one in its <c>value</c> attribute and does not feed a graph output; null otherwise.</summary>
    private static ITensor? ConstantTensor(Node node, Graph graph) =>
        node is { OpType: "Constant", IsDefaultDomain: true, Outputs.Count: 1 } && node.Attributes["value"]?.Value is ITensor tensor
            && !graph.Outputs.Contains(node.Outputs[0])
            ? tensor
            : null;

    private PagePort Port(string param, Value value)
    {
        var tensor = value.ConstValue ?? foldedConstants.GetValueOrDefault(value);
        return new PagePort
        {
            Param = param,
            Value = value.Name,
            Type = TypeLabels.Format(value.Type ?? (tensor is null ? null : new TensorType(tensor.DataType, Shape.Of(tensor.Dims.ToArray())))),
            Tensor = tensor is null ? null : TensorIndex(tensor, value.Name),
        };
    }

    private int TensorIndex(ITensor tensor, string name)
    {
        if (tensors.TryGetValue(tensor, out int index)) return index;
        TensorStatistics? stats = null;
        string? error = null;
        try
        {
            stats = TensorStatisticsCalculator.Compute(tensor, statisticsBudget);
        }
        catch (Exception e) when (e is OnnxKitException or IOException or InvalidDataException or InvalidOperationException or UnauthorizedAccessException)
        {
            error = e.Message;
        }

        index = document.Tensors.Count;
        document.Tensors.Add(new PageTensor
        {
            Name = tensor.Name ?? name,
            DataType = tensor.DataType.OnnxName(),
            Shape = tensor.Dims,
            Bytes = tensor.ByteCount,
            Stats = stats,
            Error = error,
        });
        tensors[tensor] = index;
        return index;
    }

    private IReadOnlyList<string> FormalInputNames(Node node)
    {
        int opset = (int)Math.Min(int.MaxValue, model.OpsetVersion(node.Domain) ?? 0);
        var schema = opset > 0 ? OpSchemaRegistry.Default.Find(node.Domain, node.OpType, opset) : null;
        if (schema is null || schema.Inputs.Count == 0) return [];
        var names = schema.Inputs.Select(p => p.Name).ToList();
        var last = schema.Inputs[^1];
        if (last.Option == FormalParameterOption.Variadic)
        {
            names[^1] = last.Name + "0";
            for (int i = names.Count; i < node.Inputs.Count; i++) names.Add(last.Name + (i - schema.Inputs.Count + 1));
        }

        return names;
    }

    private string NewId(string kind) => $"{idPrefix}{kind}{nextId++}";
}
