using System.Globalization;
using OnnxKit.Data.Preprocessing;

namespace OnnxKit.Cli.Quantization;

/// <summary>
/// Reads <c>--preprocess</c>: comma-separated <c>KEY=VALUE</c> settings of <see cref="PreprocessingOptions"/>:
/// <c>scale=1/255</c> (a number or a fraction), <c>mean=0.485;0.456;0.406</c> and <c>std=...</c> (one value,
/// or one per channel, separated by semicolons), <c>resize=224x224</c>, <c>layout=nchw|nhwc</c>.
/// </summary>
internal static class PreprocessArgument
{
    public const string Help = "How samples become model inputs: comma-separated scale=1/255, mean=M[;M...], std=S[;S...], resize=HxW, layout=nchw|nhwc (applied in that order, after decoding).";

    public static PreprocessingOptions Parse(string? text)
    {
        var options = PreprocessingOptions.None;
        if (string.IsNullOrWhiteSpace(text)) return options;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = part.IndexOf('=');
            if (eq <= 0) throw new UsageException($"--preprocess '{part}': expected KEY=VALUE. {Help}");
            string key = part[..eq].Trim().ToLowerInvariant(), value = part[(eq + 1)..].Trim();
            try
            {
                options = key switch
                {
                    "scale" => options with { Scale = Number(value) },
                    "mean" => options with { Mean = value.Split(';').Select(Number).ToArray() },
                    "std" => options with { Std = value.Split(';').Select(Number).ToArray() },
                    "resize" => options with { Resize = ImageSize.Parse(value) },
                    "layout" => options with { Layout = value.ToLowerInvariant() switch { "nchw" => TensorLayout.Nchw, "nhwc" => TensorLayout.Nhwc, _ => throw new FormatException("layout is nchw or nhwc") } },
                    _ => throw new FormatException($"'{key}' is not a setting"),
                };
            }
            catch (FormatException e)
            {
                throw new UsageException($"--preprocess '{part}': {e.Message}. {Help}");
            }
        }
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--preprocess: {e.Message}");
        }
        return options;
    }

    /// <summary>A number, or a fraction <c>a/b</c>.</summary>
    private static double Number(string text)
    {
        var parts = text.Split('/');
        if (parts.Length is 1 or 2 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            return parts.Length == 1 ? value : value / double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        throw new FormatException($"'{text}' is not a number");
    }
}
