using System.CommandLine;
using System.Globalization;
using OnnxKit.Data.Preprocessing;

namespace OnnxKit.Cli.Commands;

/// <summary>
/// How samples become model inputs, as <see cref="PreprocessingOptions"/> describes: <c>--scale 1/255</c>
/// (a number or a fraction), <c>--mean 0.485,0.456,0.406</c> and <c>--std ...</c> (one value, or one per
/// channel), <c>--resize 224x224</c>, <c>--layout nchw|nhwc</c>.
/// </summary>
internal sealed class PreprocessingArguments
{
    private readonly Option<string?> scale = new("--scale") { Description = "Multiply every sample value by this (a number or a fraction, e.g. 1/255)." };
    private readonly Option<string?> mean = new("--mean") { Description = "Subtract this after scaling: one value, or one per channel, comma-separated." };
    private readonly Option<string?> std = new("--std") { Description = "Divide by this after the mean: one value, or one per channel, comma-separated." };
    private readonly Option<string?> resize = new("--resize") { Description = "Resize images to HxW (bilinear) before they are fitted to the model's input." };
    private readonly Option<string?> layout = new Option<string?>("--layout") { Description = "The model's image layout, when its input shape leaves it open." }.AcceptOnlyFromAmong("nchw", "nhwc");

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in new[] { scale, mean, std, resize, layout }) command.Options.Add(option);
    }

    /// <summary>The preprocessing the options describe.</summary>
    public PreprocessingOptions Options(ParseResult parse)
    {
        try
        {
            var options = new PreprocessingOptions
            {
                Scale = parse.GetValue(scale) is { } s ? Number(s) : 1,
                Mean = parse.GetValue(mean) is { } m ? m.Split(',').Select(Number).ToArray() : null,
                Std = parse.GetValue(std) is { } d ? d.Split(',').Select(Number).ToArray() : null,
                Resize = parse.GetValue(resize) is { } r ? ImageSize.Parse(r) : null,
                Layout = parse.GetValue(layout) switch { "nchw" => TensorLayout.Nchw, "nhwc" => TensorLayout.Nhwc, _ => TensorLayout.Auto },
            };
            options.Validate();
            return options;
        }
        catch (Exception e) when (e is FormatException or ArgumentException)
        {
            throw new UsageException(e.Message);
        }
    }

    /// <summary>A number, or a fraction <c>a/b</c>.</summary>
    private static double Number(string text)
    {
        var parts = text.Trim().Split('/');
        if (parts.Length is 1 or 2 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            return parts.Length == 1 ? value : value / double.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        throw new FormatException($"'{text}' is not a number (or a fraction such as 1/255).");
    }
}
