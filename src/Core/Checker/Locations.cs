using OnnxKit.Ir;

namespace OnnxKit.Checker;

/// <summary>
/// Builds the location paths of problems, in the same form the model reader uses for load errors:
/// <c>graph.node[3](If).attribute['then_branch'].node[0](Add)</c>.
/// </summary>
internal static class Locations
{
    public const string Model = "model";

    public const string MainGraph = "graph";

    /// <summary>A node: its index, then its name in quotes, or its op type when it has no name.</summary>
    public static string Node(string graphPath, int index, Node node) =>
        string.IsNullOrEmpty(node.Name) ? $"{graphPath}.node[{index}]({node.OpType})" : $"{graphPath}.node[{index}]('{node.Name}')";

    public static string Attribute(string nodePath, string name) => $"{nodePath}.attribute['{name}']";

    /// <summary>An entry of a graph's list field (input, output, initializer, ...), with its name.</summary>
    public static string Entry(string graphPath, string field, int index, string? name) =>
        $"{graphPath}.{field}[{index}]('{name}')";

    public static string OpsetImport(string ownerPath, int index) =>
        ownerPath == Model ? $"opset_import[{index}]" : $"{ownerPath}.opset_import[{index}]";

    public static string Function(int index) => $"functions[{index}]";
}
