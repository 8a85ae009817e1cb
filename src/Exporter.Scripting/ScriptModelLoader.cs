using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using OnnxKit.Exporter.Networks;
using OnnxKit.Models;

namespace OnnxKit.Exporter.Scripting;

/// <summary>
/// Compiles and runs a C# script (<c>.csx</c>) whose final expression is the model, with
/// Roslyn scripting. The script sees the DSL's namespaces without <c>using</c> lines and may
/// <c>#load</c> other scripts relative to its folder. A script is code: it runs with the
/// caller's permissions, so only run scripts you trust.
/// </summary>
/// <example>
/// <code>
/// var input = Layers.Input(784);
/// var hidden = Layers.Dense(64, Activation.Relu).Call(input);
/// new FunctionalModel(input, Layers.Dense(10, Activation.Softmax).Call(hidden))
/// </code>
/// </example>
public static class ScriptModelLoader
{
    /// <summary>The namespaces a script imports implicitly.</summary>
    public static IReadOnlyList<string> Imports { get; } =
    [
        "System", "System.Linq", "System.Collections.Generic",
        "OnnxKit.Exporter", "OnnxKit.Exporter.Networks", "OnnxKit.Exporter.StandardLayers", "OnnxKit.Models",
    ];

    /// <summary>Runs the script at <paramref name="path"/> and returns the model it evaluates to.</summary>
    public static Network Load(string path)
    {
        if (!File.Exists(path)) throw new OnnxKitException($"Script '{path}' does not exist.");
        string fullPath = Path.GetFullPath(path);
        var options = ScriptOptions.Default
            .WithFilePath(fullPath)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, Path.GetDirectoryName(fullPath)))
            .WithReferences(typeof(Network).Assembly, typeof(ModelZoo).Assembly, typeof(Ir.Model).Assembly)
            .WithImports(Imports)
            .WithEmitDebugInformation(true);
        Script<object> script;
        using (var code = File.OpenRead(fullPath)) script = CSharpScript.Create<object>(code, options);
        var errors = script.Compile().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        if (errors.Length > 0)
            throw new OnnxKitException($"Script '{path}' does not compile:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Select(Describe))}");
        object? result;
        using (LayerNames.NewScope())
        {
            try
            {
                result = script.RunAsync().GetAwaiter().GetResult().ReturnValue;
            }
            catch (Exception e) when (e is not OnnxKitException)
            {
                throw new OnnxKitException($"Script '{path}' failed: {e.GetType().Name}: {e.Message}", e);
            }
        }
        return result as Network ?? throw new OnnxKitException(
            $"Script '{path}' must end with an expression that is the model (a SequentialModel, FunctionalModel or other Network); it evaluated to {(result is null ? "nothing" : result.GetType().Name)}.");
    }

    private static string Describe(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.GetLineSpan();
        return $"  {Path.GetFileName(span.Path)}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1}): {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
