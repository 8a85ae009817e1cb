using OnnxKit.Models;

namespace OnnxKit.OpsetTests.Models;

/// <summary>
/// The zoo models of the matrix and the sizes they run at. To fit CI time, models whose
/// weights would take hundreds of megabytes run at a reduced input size, given by
/// <see cref="ModelZoo.CompactOptions"/> (the architecture is the same; only the first Dense
/// layer after Flatten shrinks):
/// VGG16/19, ResNets, GoogLeNet, MobileNets and the sign CNN at 32×32, and the 4.3-billion-
/// parameter BatchNorm example at 4×4 (4.2 M parameters instead of 4.3 G).
/// </summary>
internal static class ZooCases
{
    public static IReadOnlyList<string> Names => ModelZoo.All.Select(m => m.Name).ToArray();

    public static ZooOptions OptionsFor(string name) => ModelZoo.CompactOptions(name);

    public static IEnumerable<string> ReducedNotes() =>
        Names.Select(n => (Name: n, Size: ModelZoo.CompactOptions(n).ImageSize)).Where(r => r.Size is not null).Select(r => $"{r.Name} at {r.Size}×{r.Size}");
}
