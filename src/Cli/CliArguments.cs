using System.CommandLine;

namespace OnnxKit.Cli;

/// <summary>Arguments and checks shared by several commands.</summary>
internal static class CliArguments
{
    /// <summary>The model file argument most commands take first; an empty path is a usage error.</summary>
    public static Argument<FileInfo> Model(string description = "The ONNX model file.") => new("model")
    {
        Description = description,
        CustomParser = result => result.Tokens is [{ Value: var path }] && !string.IsNullOrWhiteSpace(path)
            ? new FileInfo(path)
            : Fail<FileInfo>(result, "the model path is empty."),
    };

    /// <summary>
    /// Adds a range check to a numeric option: a value outside [<paramref name="min"/>, <paramref name="max"/>]
    /// is a usage error (exit code 2) that names the option and the range.
    /// </summary>
    public static Option<T> Bounded<T>(Option<T> option, T min, T max) where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<T>();
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0 || value is double d && !double.IsFinite(d))
                result.AddError($"{option.Name} {value} is out of range; it must be between {min} and {max}.");
        });
        return option;
    }

    /// <summary>The same for an optional numeric option (absent is allowed).</summary>
    public static Option<T?> Bounded<T>(Option<T?> option, T min, T max) where T : struct, IComparable<T>
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<T?>() is not T value) return;
            if (value.CompareTo(min) < 0 || value.CompareTo(max) > 0 || value is double d && !double.IsFinite(d))
                result.AddError($"{option.Name} {value} is out of range; it must be between {min} and {max}.");
        });
        return option;
    }

    private static T Fail<T>(System.CommandLine.Parsing.ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>
    /// <c>--input</c>/<c>-i</c>, repeatable: NAME=FILE, NAME=VALUES or FILE.npz, read by <see cref="OnnxKit.Execution.InputArguments"/>
    /// for <c>run</c>, <c>bench</c> and <c>optimize</c>; <paramref name="purpose"/> ends the description.
    /// </summary>
    public static Option<string[]> Inputs(string purpose) => new("--input", "-i")
    {
        Description = "An input as NAME=FILE (.npy or .pb), NAME=VALUES (sr=16000, mask=0,1,1), or a .npz whose arrays are named like the inputs; repeatable. " + purpose,
        Arity = ArgumentArity.ZeroOrMore,
    };

    /// <summary>The <c>--json</c> switch of reporting commands.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print the report as JSON instead of tables." };

    /// <summary>The <c>--markdown</c> switch of reporting commands.</summary>
    public static Option<bool> Markdown() => new("--markdown") { Description = "Print the report as Markdown instead of tables." };

    /// <summary>
    /// An option taking one member of <typeparamref name="T"/> by name, in any letter case
    /// (<c>--ep tensorrt</c>). System.CommandLine parses the value into the enum and refuses
    /// anything else, numbers included, as a usage error (exit code 2) that lists the names;
    /// help shows them in lower case.
    /// </summary>
    public static Option<T> Choice<T>(string name, string description, T defaultValue) where T : struct, Enum
    {
        var option = new Option<T>(name) { Description = description, DefaultValueFactory = _ => defaultValue };
        option.CompletionSources.Clear();
        return option.AcceptOnlyFromAmong(StringComparer.OrdinalIgnoreCase, Enum.GetNames<T>().Select(n => n.ToLowerInvariant()).ToArray());
    }

    /// <summary>
    /// Fails with a usage error, before any work is done, when the folder <paramref name="file"/>
    /// would be written into does not exist.
    /// </summary>
    public static string OutputFile(FileInfo file, string option)
    {
        if (file.Directory is { Exists: false } folder)
            throw new UsageException($"{option} {file.FullName}: the folder '{folder.FullName}' does not exist; create it first.");
        return file.FullName;
    }

    /// <summary>Fails with a usage error when the file does not exist or is not a regular file (a folder, a FIFO, a device).</summary>
    public static string ExistingFile(FileInfo file)
    {
        if (OnnxKit.Security.InputFiles.Problem(file.FullName) is { } problem) throw new UsageException($"File '{file.FullName}' {problem}.");
        return file.FullName;
    }
}
