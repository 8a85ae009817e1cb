using System.CommandLine;
using System.Globalization;
using OnnxKit.Data;
using OnnxKit.Data.Preprocessing;

namespace OnnxKit.Cli;

/// <summary>
/// The options of commands that read labelled data (<c>eval</c>, and calibration and training):
/// <c>--data</c>, the preprocessing (<c>--scale</c>, <c>--mean</c>, <c>--std</c>, <c>--resize</c>,
/// <c>--layout</c>), and how the data is read (<c>--limit</c>, <c>--label-column</c>).
/// </summary>
internal sealed class DataArguments
{
    private readonly Option<string> data = new("--data", "-d")
    {
        Description = "The labelled data: fashion-mnist[:train|:test], an IDX file (*-images-idx3-ubyte[.gz]), FILE.npz (x, y), a folder of .npy files or of class sub-folders of PNG/JPEG images, or FILE.csv.",
        Required = true,
    };

    private readonly Option<string?> scale = new("--scale") { Description = "Multiply every stored value by this, e.g. 1/255 to map bytes to [0, 1]." };

    private readonly Option<string?> mean = new("--mean") { Description = "Subtract after scaling: one value, or one per channel (images) or feature (tables), comma-separated." };

    private readonly Option<string?> std = new("--std") { Description = "Divide after the mean: one value, or one per channel or feature, comma-separated." };

    private readonly Option<string?> resize = new("--resize") { Description = "Resize images to HxW (e.g. 28x28) when their size differs from the model's (bilinear)." };

    private readonly Option<TensorLayout> layout = CliArguments.Choice("--layout", "The model's image layout: auto (from the input shape), nchw or nhwc.", TensorLayout.Auto);

    private readonly Option<long?> limit = new("--limit") { Description = "Use only the first N records." };

    private readonly Option<string?> labelColumns = new("--label-column") { Description = "CSV: the label column(s), comma-separated (default: a column named label, y, target or class)." };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { data, scale, mean, std, resize, layout, limit, labelColumns }) command.Options.Add(option);
    }

    /// <summary>The data spec; a malformed one is a usage error.</summary>
    public DataSpec Spec(ParseResult parse)
    {
        try
        {
            return DataSpec.Parse(parse.GetRequiredValue(data));
        }
        catch (ArgumentException e)
        {
            throw new UsageException($"--data: {e.Message}");
        }
    }

    /// <summary>The preprocessing the options describe; malformed values are usage errors.</summary>
    public PreprocessingOptions Preprocessing(ParseResult parse)
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

    /// <summary>How to read the data.</summary>
    public DataReadOptions ReadOptions(ParseResult parse)
    {
        long? first = parse.GetValue(limit);
        if (first is < 1) throw new UsageException($"--limit must be at least 1, not {first}.");
        return new DataReadOptions
        {
            Limit = first,
            LabelColumns = parse.GetValue(labelColumns)?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
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
