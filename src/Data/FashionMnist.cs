namespace OnnxKit.Data;

/// <summary>
/// Where Fashion-MNIST lives and what its classes are. Debian's <c>dataset-fashion-mnist</c>
/// package installs the four IDX files (gzipped) in <see cref="DefaultDirectory"/>; the
/// <c>ONNXKIT_FASHION_MNIST</c> environment variable points elsewhere.
/// </summary>
public static class FashionMnist
{
    /// <summary>The environment variable that overrides the folder.</summary>
    public const string EnvironmentVariable = "ONNXKIT_FASHION_MNIST";

    /// <summary>Where Debian's package installs the files.</summary>
    public const string DebianDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The folder read: <see cref="EnvironmentVariable"/> when set, else <see cref="DebianDirectory"/>.</summary>
    public static string DefaultDirectory =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } folder ? folder : DebianDirectory;

    /// <summary>The ten classes, by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>The images file of a split (<c>train</c> or <c>test</c>) in <paramref name="directory"/>.</summary>
    public static string ImagesFile(string directory, string split) => Path.Combine(directory, $"{Prefix(split)}-images-idx3-ubyte.gz");

    /// <summary>The labels file of a split in <paramref name="directory"/>.</summary>
    public static string LabelsFile(string directory, string split) => Path.Combine(directory, $"{Prefix(split)}-labels-idx1-ubyte.gz");

    /// <summary>Whether both files of <paramref name="split"/> are present in <see cref="DefaultDirectory"/>.</summary>
    public static bool IsAvailable(string split = "test") =>
        File.Exists(ImagesFile(DefaultDirectory, split)) && File.Exists(LabelsFile(DefaultDirectory, split));

    /// <summary>Why the data set cannot be read, for skip messages and errors; null when it can.</summary>
    public static string? MissingReason(string split = "test") => IsAvailable(split)
        ? null
        : $"Fashion-MNIST ({split}) is not installed: {ImagesFile(DefaultDirectory, split)} is missing. Install Debian's dataset-fashion-mnist package or set {EnvironmentVariable} to a folder holding the IDX files.";

    private static string Prefix(string split) => split switch
    {
        "train" => "train",
        "test" => "t10k",
        _ => throw new ArgumentException($"Fashion-MNIST has the splits 'train' and 'test', not '{split}'.", nameof(split)),
    };
}
