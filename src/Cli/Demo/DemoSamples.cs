using OnnxKit.Data.Preprocessing;
using OnnxKit.Ir;
using OnnxKit.Serialization;

namespace OnnxKit.Cli.Demo;

/// <summary>
/// The real images the demo calibrates its INT8 variant on: 128 Fashion-MNIST test images shipped inside the
/// tool (so a fresh machine with only the .NET SDK runs the demo), written beside the demo's models, and the
/// preprocessing that fits them to a model's image input (scaled to [0, 1], resized, grayscale to RGB as needed).
/// </summary>
internal static class DemoSamples
{
    private const string ResourceName = "OnnxKit.Cli.Demo.fashion-mnist-sample.npz";

    /// <summary>Writes the samples into <paramref name="folder"/> and returns the file's path.</summary>
    public static string Write(string folder)
    {
        string path = Path.Combine(folder, "fashion-mnist-sample.npz");
        using var resource = typeof(DemoSamples).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The demo's sample images ({ResourceName}) are missing from the tool.");
        AtomicFile.Write(path, resource.CopyTo);
        return path;
    }

    /// <summary>Scale to [0, 1], resized to the image size of <paramref name="model"/>'s first input (channels first or last).</summary>
    public static PreprocessingOptions Preprocessing(Model model)
    {
        var input = model.Graph.Inputs.First(v => !model.Graph.Initializers.Contains(v.Name));
        var dims = input.TensorType?.Shape?.Select(d => d.Value).ToArray();
        ImageSize? size = dims switch
        {
            [_, 1 or 3, long h, long w] => new ImageSize((int)h, (int)w),
            [_, long h, long w, 1 or 3] => new ImageSize((int)h, (int)w),
            _ => null,
        };
        return new PreprocessingOptions { Scale = 1.0 / 255, Resize = size };
    }
}
