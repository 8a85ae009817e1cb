using OnnxKit.Exporter;
using OnnxKit.Exporter.Networks;

namespace OnnxKit.Models;

/// <summary>A zoo entry: name, description, where it comes from, its input, and a factory.</summary>
/// <param name="Name">The name used on the command line (<c>resnet50-v1</c>).</param>
/// <param name="Description">One line on what the model is.</param>
/// <param name="Source">Where the architecture comes from, in a few words: a paper, a book, <c>keras.applications</c> (docs/model-zoo.md gives the full references).</param>
/// <param name="SourceInput">The input as that reference gives it (Keras, channels-last).</param>
/// <param name="Options">Which <see cref="ZooOptions"/> the factory honours.</param>
/// <param name="Factory">Builds the model; called inside a fresh naming scope.</param>
public sealed record ModelInfo(string Name, string Description, string Source, string SourceInput, ZooOption Options, Func<ZooOptions, Network> Factory)
{
    /// <summary>The name of the built model (and of its ONNX graph): the zoo name with '-' and '.' as '_'.</summary>
    public string ModelName => Name.Replace('-', '_').Replace('.', '_');

    /// <summary>True for models too large to build weights for in tests (multi-gigabyte).</summary>
    public bool IsHuge { get; init; }

    /// <summary>
    /// Builds the model with fresh automatic names (the same names every time). Options the
    /// model does not honour are refused.
    /// </summary>
    public Network Create(ZooOptions? options = null)
    {
        options ??= new ZooOptions();
        var given = (options.ImageSize is null ? ZooOption.None : ZooOption.ImageSize)
            | (options.Classes is null ? ZooOption.None : ZooOption.Classes)
            | (options.Channels is null ? ZooOption.None : ZooOption.Channels)
            | (options.IncludeTop ? ZooOption.None : ZooOption.IncludeTop);
        var unsupported = given & ~Options;
        if (unsupported != ZooOption.None)
            throw new OnnxKitException($"Model '{Name}' does not take option(s) {unsupported}; it takes {(Options == ZooOption.None ? "none" : Options.ToString())}.");
        if (options.ImageSize is <= 0 || options.Classes is <= 0 || options.Channels is <= 0)
            throw new OnnxKitException($"Model '{Name}': image size, classes and channels must be positive.");
        using var scope = LayerNames.NewScope();
        return Factory(options).WithName(ModelName);
    }
}
