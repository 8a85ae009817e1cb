using System.CommandLine;
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

    private readonly PreprocessingArguments preprocessing = new();

    private readonly Option<long?> limit = new("--limit") { Description = "Use only the first N records." };

    private readonly Option<string?> labelColumns = new("--label-column") { Description = "CSV: the label column(s), comma-separated (default: a column named label, y, target or class)." };

    /// <summary>Adds every option to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(data);
        preprocessing.AddTo(command);
        command.Options.Add(limit);
        command.Options.Add(labelColumns);
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
    public PreprocessingOptions Preprocessing(ParseResult parse) => preprocessing.Options(parse);

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
}
