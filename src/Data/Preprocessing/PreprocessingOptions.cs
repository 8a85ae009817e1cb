namespace OnnxKit.Data.Preprocessing;

/// <summary>
/// The one description of how stored values become a model's inputs, shared by evaluation,
/// quantization calibration and training. Applied in this order to each record:
/// <list type="number">
/// <item>images are decoded (image folders) and resized to <see cref="Resize"/> (bilinear, half-pixel centres) when given;</item>
/// <item>values are converted to floating point and multiplied by <see cref="Scale"/>;</item>
/// <item><see cref="Mean"/> is subtracted and the result divided by <see cref="Std"/>: one value for every element, or one per channel (images) or per feature (tables);</item>
/// <item>the record is fitted to the model input's shape and <see cref="Layout"/>: a channel axis added or moved, channels converted between grayscale and RGB, or the record flattened for a dense input;</item>
/// <item>values are converted to the input's element type.</item>
/// </list>
/// Labels are class indices unless <see cref="OneHotClasses"/> asks for one-hot rows.
/// The defaults change nothing: scale 1, no mean or std, no resize, layout from the model.
/// </summary>
public sealed record PreprocessingOptions
{
    /// <summary>The defaults: values passed as stored.</summary>
    public static PreprocessingOptions None { get; } = new();

    /// <summary>Multiplies every value (<c>1/255</c> maps bytes to [0, 1]).</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Subtracted after scaling: one value, or one per channel or feature; null for none.</summary>
    public IReadOnlyList<double>? Mean { get; init; }

    /// <summary>Divides after the mean is subtracted: one value, or one per channel or feature; null for none.</summary>
    public IReadOnlyList<double>? Std { get; init; }

    /// <summary>Resizes images to this size; null keeps their size (which must then be the model's).</summary>
    public ImageSize? Resize { get; init; }

    /// <summary>The model's image layout; <see cref="TensorLayout.Auto"/> reads it from the input's shape.</summary>
    public TensorLayout Layout { get; init; } = TensorLayout.Auto;

    /// <summary>When set, class labels become one-hot float rows of this many classes (for training losses).</summary>
    public int? OneHotClasses { get; init; }

    /// <summary>Checks the values are usable.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names the option.</exception>
    public void Validate()
    {
        if (!double.IsFinite(Scale) || Scale == 0) throw new ArgumentException($"The scale must be a finite, non-zero number, not {Scale}.");
        if (Mean is { Count: 0 } || Std is { Count: 0 }) throw new ArgumentException("A mean or std needs at least one value.");
        if (Mean?.Any(m => !double.IsFinite(m)) == true) throw new ArgumentException("Every mean must be a finite number.");
        if (Std?.Any(s => !double.IsFinite(s) || s <= 0) == true) throw new ArgumentException("Every std must be a finite, positive number.");
        if (OneHotClasses is < 2) throw new ArgumentException($"One-hot labels need at least 2 classes, not {OneHotClasses}.");
    }

    /// <summary>A short description for reports, e.g. <c>scale 0.00392157, mean [0.5], std [0.5]</c>; <c>none</c> for the defaults.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        if (Scale != 1) parts.Add($"scale {Scale:G6}");
        if (Mean is not null) parts.Add($"mean [{string.Join(", ", Mean)}]");
        if (Std is not null) parts.Add($"std [{string.Join(", ", Std)}]");
        if (Resize is { } size) parts.Add($"resize {size}");
        if (Layout != TensorLayout.Auto) parts.Add(Layout.ToString().ToUpperInvariant());
        if (OneHotClasses is { } k) parts.Add($"one-hot {k}");
        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }
}
