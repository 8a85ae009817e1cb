using OnnxKit.Exporter;
using OnnxKit.Exporter.Export;
using OnnxKit.Exporter.Networks;
using OnnxKit.Ir;
using OnnxKit.Models;

namespace OnnxKit.OpsetTests.Models;

/// <summary>
/// The zoo models of the matrices. To fit CI time they run at <see cref="ModelZoo.CompactOptions"/>:
/// models whose weights would take hundreds of megabytes at a reduced input size.
/// </summary>
internal static class ZooCases
{
    public static IReadOnlyList<string> Names => ModelZoo.All.Select(m => m.Name).ToArray();

    /// <summary>
    /// <paramref name="network"/> exported at <paramref name="opset"/> (seed 7), or null when the exporter cannot
    /// lower it there (the opset matrix reports those cells).
    /// </summary>
    public static Model? Export(Network network, int opset)
    {
        try
        {
            return network.ToOnnx(new ExportOptions { Opset = opset, Seed = 7 });
        }
        catch (LoweringException)
        {
            return null;
        }
    }

    public static IEnumerable<string> ReducedNotes() =>
        Names.Select(n => (Name: n, Size: ModelZoo.CompactOptions(n).ImageSize)).Where(r => r.Size is not null).Select(r => $"{r.Name} at {r.Size}×{r.Size}");
}
