using System.Globalization;
using OnnxKit.Ir;
using OnnxKit.Viewer.Graphs;

namespace OnnxKit.Viewer.Text;

/// <summary>
/// The graph as a tree for terminals: the model, its graph's inputs, nodes (each as
/// <c>Op name(inputs) → outputs: types</c>, weights with their shapes, subgraphs nested under their node)
/// and outputs. Reads no tensor data.
/// </summary>
public static class GraphTreeBuilder
{
    /// <summary>The tree of <paramref name="model"/>, headed by <paramref name="label"/> (usually the file name).</summary>
    public static TreeItem Build(Model model, string label)
    {
        string opsets = string.Join(", ", model.OpsetImports.Select(o => o.ToString()));
        return new TreeItem("model", $"{label} (IR {model.IrVersion}, opsets {opsets})", [GraphItem(model.Graph, "graph " + (model.Graph.Name ?? ""))]);
    }

    private static TreeItem GraphItem(Graph graph, string label)
    {
        var inputs = graph.Inputs.Where(v => v.ConstValue is null).Select(v => new TreeItem("input", Describe(v), [])).ToList();
        var nodes = graph.Nodes.Select(NodeItem).ToList();
        var outputs = graph.Outputs.Select(v => new TreeItem("output", Describe(v), [])).ToList();
        string weights = graph.Initializers.Count == 0 ? ""
            : string.Create(CultureInfo.InvariantCulture, $", {graph.Initializers.Count} weights, {graph.Initializers.Sum(v => v.ConstValue!.ElementCount):N0} params");
        return new TreeItem("graph", label.TrimEnd() + weights,
        [
            new TreeItem("inputs", $"inputs ({inputs.Count})", inputs),
            new TreeItem("nodes", $"nodes ({nodes.Count})", nodes),
            new TreeItem("outputs", $"outputs ({outputs.Count})", outputs),
        ]);
    }

    private static TreeItem NodeItem(Node node)
    {
        string op = node.IsDefaultDomain ? node.OpType : $"{node.Domain}.{node.OpType}";
        string name = string.IsNullOrEmpty(node.Name) ? "" : " " + node.Name;
        string inputs = string.Join(", ", node.Inputs.Select(v => v is null ? "∅" : v.ConstValue is { } w ? $"{v.Name}⟨{string.Join("×", w.Dims)}⟩" : v.Name));
        string outputs = string.Join(", ", node.Outputs.Where(o => o.Name.Length > 0).Select(Describe));
        var subgraphs = node.Attributes
            .SelectMany(a => a.Subgraphs().Select(g => GraphItem(g, $"{a.Name}: graph {g.Name}")))
            .ToList();
        return new TreeItem("node", $"{op}{name}({inputs}) → {outputs}", subgraphs);
    }

    private static string Describe(Value value)
    {
        string type = TypeLabels.Format(value.Type);
        return type.Length == 0 ? value.Name : $"{value.Name}: {type}";
    }
}
