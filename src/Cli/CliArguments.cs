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

    /// <summary>Fails with a usage error when the file does not exist.</summary>
    public static string ExistingFile(FileInfo file)
    {
        if (!file.Exists) throw new UsageException($"File '{file.FullName}' does not exist.");
        return file.FullName;
    }
}
