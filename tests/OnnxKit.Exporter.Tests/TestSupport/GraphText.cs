using OnnxKit.Ir;

namespace OnnxKit.Exporter.Tests.TestSupport;

/// <summary>A model's graph as text plus a digest of every initializer's bytes, for "same graph" comparisons.</summary>
internal static class GraphText
{
    public static string Of(Model model)
    {
        var graph = model.Graph;
        string name = graph.Name ?? "";
        graph.Name = "g";
        try
        {
            var data = graph.Initializers.Select(i => $"{i.Name}:{Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(i.ConstValue!.GetRawData().Span))}");
            return IrPrinter.Print(graph) + string.Join("\n", data);
        }
        finally
        {
            graph.Name = name;
        }
    }
}
