using System.CommandLine;

namespace OnnxKit.Cli;

/// <summary>Arguments and checks shared by several commands.</summary>
internal static class CliArguments
{
    /// <summary>The model file argument most commands take first.</summary>
    public static Argument<FileInfo> Model(string description = "The ONNX model file.") => new("model") { Description = description };

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

    /// <summary>Fails with a usage error when the file does not exist.</summary>
    public static string ExistingFile(FileInfo file)
    {
        if (!file.Exists) throw new UsageException($"File '{file.FullName}' does not exist.");
        return file.FullName;
    }
}
