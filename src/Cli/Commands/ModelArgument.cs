using OnnxKit.Exporter.Scripting;
using OnnxKit.Models;

namespace OnnxKit.Cli.Commands;

/// <summary>The <c>NAME|SCRIPT.csx</c> argument of <c>train</c> and <c>distill</c>: a zoo model or a C# script.</summary>
internal static class ModelArgument
{
    /// <summary>A script when <paramref name="text"/> ends in <c>.csx</c>, else a zoo model.</summary>
    public static ModelSource Parse(string text, ZooOptions zooOptions, string option = "model")
    {
        if (text.EndsWith(".csx", StringComparison.OrdinalIgnoreCase))
            return new ModelSource.Script(CliArguments.ExistingFile(new FileInfo(text)));
        if (!ModelZoo.All.Any(m => m.Name == text))
            throw new UsageException($"The {option} '{text}' is neither a C# script (.csx) nor a zoo model; 'onnxkit export --list' shows the zoo.");
        return new ModelSource.Zoo(text, zooOptions);
    }
}
