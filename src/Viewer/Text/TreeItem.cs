using System.Text;

namespace OnnxKit.Viewer.Text;

/// <summary>One line of a <see cref="GraphTreeBuilder"/> tree, with the lines nested under it.</summary>
/// <param name="Kind">model, graph, inputs, input, nodes, node, subgraph, outputs or output.</param>
/// <param name="Label">The line's text.</param>
/// <param name="Children">The nested lines.</param>
public sealed record TreeItem(string Kind, string Label, IReadOnlyList<TreeItem> Children)
{
    /// <summary>The tree as nested Markdown bullets, labels in code spans.</summary>
    public string ToMarkdown()
    {
        var text = new StringBuilder();
        Append(text, this, 0);
        return text.ToString();
    }

    /// <summary>The tree drawn with box-drawing characters, one item per line.</summary>
    public string ToText()
    {
        var text = new StringBuilder(Label).Append('\n');
        AppendText(text, Children, "");
        return text.ToString();
    }

    private static void Append(StringBuilder text, TreeItem item, int depth)
    {
        text.Append(' ', depth * 2).Append("- `").Append(item.Label.Replace("`", "'", StringComparison.Ordinal)).Append("`\n");
        foreach (var child in item.Children) Append(text, child, depth + 1);
    }

    private static void AppendText(StringBuilder text, IReadOnlyList<TreeItem> items, string indent)
    {
        for (int i = 0; i < items.Count; i++)
        {
            bool last = i == items.Count - 1;
            text.Append(indent).Append(last ? "└── " : "├── ").Append(items[i].Label).Append('\n');
            AppendText(text, items[i].Children, indent + (last ? "    " : "│   "));
        }
    }
}
