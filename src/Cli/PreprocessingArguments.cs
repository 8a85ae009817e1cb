using System.CommandLine;
using System.Globalization;
using OnnxKit.Data.Preprocessing;

namespace OnnxKit.Cli;

/// <summary>
/// How stored samples become model inputs, for every command that reads data (<c>eval</c>, <c>quantize</c>'s
/// calibration and evaluation data): <c>--scale</c>, <c>--mean</c>, <c>--std</c>, <c>--resize</c>, <c>--layout</c>,
/// folded into one <see cref="PreprocessingOptions"/>.
/// </summary>
internal sealed class PreprocessingArguments
{
    private readonly Option<string?> scale = new("--scale") { Description = "Multiply every stored value by this, e.g. 1/255 to map bytes to [0, 1]." };

    private readonly Option<string?> mean = new("--mean") { Description = "Subtract after scaling: one value, or one per channel (images) or feature (tables), comma-separated." };

    private readonly Option<string?> std = new("--std") { Description = "Divide after the mean: one value, or one per channel or feature, comma-separated." };

    private readonly Option<string?> resize = new("--resize") { Description = "Resize images to HxW (e.g. 28x28) when their size differs from the model's (bilinear)." };

    private readonly Option<TensorLayout> layout = CliArguments.Choice("--layout", "The model's image layout: auto (from the input shape), nchw or nhwc.", TensorLayout.Auto);

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { scale, mean, std, resize, layout }) command.Options.Add(option);
    }

    /// <summary>The preprocessing the options describe; malformed values are usage errors.</summary>
    public PreprocessingOptions Options(ParseResult parse)
    {
        var options = new PreprocessingOptions
        {
            Scale = parse.GetValue(scale) is { } s ? Number("--scale", s) : 1,
            Mean = parse.GetValue(mean) is { } m ? Numbers("--mean", m) : null,
            Std = parse.GetValue(std) is { } d ? Numbers("--std", d) : null,
            Resize = parse.GetValue(resize) is { } r ? Parse("--resize", () => ImageSize.Parse(r)) : null,
            Layout = parse.GetValue(layout),
        };
        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(e.Message);
        }
        return options;
    }

    /// <summary>A number, or a fraction such as <c>1/255</c>.</summary>
    private static double Number(string option, string text)
    {
        var parts = text.Split('/');
        if (parts.Length <= 2 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            return parts.Length == 2 ? value / double.Parse(parts[1], CultureInfo.InvariantCulture) : value;
        }
        throw new UsageException($"{option} '{text}' is not a number (a fraction such as 1/255 is fine).");
    }

    private static double[] Numbers(string option, string text) => text.Split(',', StringSplitOptions.TrimEntries).Select(p => Number(option, p)).ToArray();

    private static T Parse<T>(string option, Func<T> parse)
    {
        try
        {
            return parse();
        }
        catch (FormatException e)
        {
            throw new UsageException($"{option}: {e.Message}");
        }
    }
}
