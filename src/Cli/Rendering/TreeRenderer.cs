using OnnxKit.Viewer.Text;
using Spectre.Console;

namespace OnnxKit.Cli.Rendering;

/// <summary>Renders a graph <see cref="TreeItem"/> as a terminal tree.</summary>
internal static class TreeRenderer
{
    public static void Render(TreeItem root)
    {
        var tree = new Tree(Style(root));
        Add(tree, root.Children);
        AnsiConsole.Write(tree);
    }

    private static void Add(IHasTreeNodes parent, IReadOnlyList<TreeItem> items)
    {
        foreach (var item in items) Add(parent.AddNode(Style(item)), item.Children);
    }

    private static string Style(TreeItem item) => item.Kind switch
    {
        "model" or "graph" => $"[bold]{Markup.Escape(item.Label)}[/]",
        "inputs" or "nodes" or "outputs" => $"[grey]{Markup.Escape(item.Label)}[/]",
        _ => Markup.Escape(item.Label),
    };
}
