namespace OnnxKit.Models;

/// <summary>Options a zoo factory may honour; each model declares which in <see cref="ModelInfo.Options"/>.</summary>
public sealed record ZooOptions
{
    /// <summary>Image height and width (square), replacing the reference's input size; for reduced-size tests.</summary>
    public int? ImageSize { get; init; }

    /// <summary>The number of output classes.</summary>
    public int? Classes { get; init; }

    /// <summary>Input channels (the naive inception block's D, the Gaussian filter's channels).</summary>
    public int? Channels { get; init; }

    /// <summary>False drops the classifier head (VGG, ResNet50), leaving the last feature maps as output.</summary>
    public bool IncludeTop { get; init; } = true;
}
