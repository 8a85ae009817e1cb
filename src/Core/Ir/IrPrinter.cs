using System.Text;

namespace OnnxKit.Ir;

/// <summary>
/// The one text form of the IR, used by <c>ToString()</c>, debugging, golden tests and
/// pass instrumentation. Example:
/// <code>
/// graph main (%x: tensor(float)[N,4]) -> (%y)
///   init %w: tensor(float)[4,2]
///   %y = Gemm(%x, %w) {transB=1}
/// </code>
/// </summary>
public static class IrPrinter
{
    /// <summary>Prints a model: header lines, functions, then the main graph.</summary>
    public static string Print(Model model)
    {
        var text = new StringBuilder();
        text.Append("ir_version ").Append(model.IrVersion).Append(", opsets ")
            .AppendJoin(", ", model.OpsetImports).AppendLine();
        foreach (var function in model.Functions)
        {
            text.Append("function ").Append(function.Domain).Append("::").Append(function.Name);
            AppendGraph(text, function.Body, 0, includeHeader: true);
        }
        AppendGraph(text.Append("graph "), model.Graph, 0, includeHeader: true);
        return text.ToString();
    }

    /// <summary>Prints a graph and its subgraphs, indented.</summary>
    public static string Print(Graph graph)
    {
        var text = new StringBuilder("graph ");
        AppendGraph(text, graph, 0, includeHeader: true);
        return text.ToString();
    }

    private static void AppendGraph(StringBuilder text, Graph graph, int depth, bool includeHeader)
    {
        string indent = new(' ', depth * 2 + 2);
        if (includeHeader)
        {
            text.Append(graph.Name).Append(" (").AppendJoin(", ", graph.Inputs).Append(") -> (")
                .AppendJoin(", ", graph.Outputs.Select(o => "%" + o.Name)).AppendLine(")");
        }
        foreach (var init in graph.Initializers) text.Append(indent).Append("init ").Append(init).AppendLine();
        foreach (var node in graph.Nodes)
        {
            text.Append(indent).Append(node);
            var plain = node.Attributes.Where(a => a.Type is not (AttributeType.Graph or AttributeType.Graphs)).ToList();
            if (plain.Count > 0) text.Append(" {").AppendJoin(", ", plain).Append('}');
            text.AppendLine();
            foreach (var attribute in node.Attributes.Where(a => a.Type is AttributeType.Graph or AttributeType.Graphs))
            {
                foreach (var subgraph in attribute.Subgraphs())
                {
                    text.Append(indent).Append("  ").Append(attribute.Name).Append(": graph ");
                    AppendGraph(text, subgraph, depth + 2, includeHeader: true);
                }
            }
        }
    }
}
