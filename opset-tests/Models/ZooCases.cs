using OnnxKit.Models;

namespace OnnxKit.OpsetTests.Models;

/// <summary>
/// The zoo models of the matrix and the sizes they run at. To fit CI time, models whose
/// weights would take hundreds of megabytes run at a reduced input size (the architecture
/// is the same; only the first Dense layer after Flatten shrinks):
/// VGG16/19, ResNets, GoogLeNet, MobileNets and the sign CNN at 32×32, and the 4.3-billion-
/// parameter BatchNorm example at 4×4 (4.2 M parameters instead of 4.3 G).
/// </summary>
internal static class ZooCases
{
    private static readonly Dictionary<string, ZooOptions> Reduced = new()
    {
        ["sign-cnn"] = new() { ImageSize = 32 },
        ["vgg16"] = new() { ImageSize = 32 },
        ["vgg19"] = new() { ImageSize = 32 },
        ["resnet34-book"] = new() { ImageSize = 32 },
        ["resnet50-v1"] = new() { ImageSize = 32 },
        ["resnet50-v1.5"] = new() { ImageSize = 32 },
        ["resnet50-v2"] = new() { ImageSize = 32 },
        ["googlenet"] = new() { ImageSize = 32 },
        ["mobilenet-v1"] = new() { ImageSize = 32 },
        ["mobilenet-v2"] = new() { ImageSize = 32 },
        ["batchnorm-example"] = new() { ImageSize = 4 },
    };

    public static IReadOnlyList<string> Names => ModelZoo.All.Select(m => m.Name).ToArray();

    public static ZooOptions OptionsFor(string name) => Reduced.GetValueOrDefault(name) ?? new ZooOptions();

    public static IEnumerable<string> ReducedNotes() => Reduced.Select(r => $"{r.Key} at {r.Value.ImageSize}×{r.Value.ImageSize}");
}
