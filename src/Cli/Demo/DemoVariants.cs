using System.Globalization;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Float16;

namespace OnnxKit.Cli.Demo;

/// <summary>The variants of the exported model that the demo compares with it: optimized, then optimized and converted to float16.</summary>
internal static class DemoVariants
{
    /// <summary>Writes the variants beside <paramref name="exported"/> and returns their paths, in order.</summary>
    public static IReadOnlyList<string> Create(string exported, DemoSettings settings, Action<DemoStep> report)
    {
        string stem = Path.Combine(settings.OutputDirectory, settings.Model);
        var optimized = ModelFileOptimizer.Optimize(new OptimizeFileRequest { InputPath = exported, OutputPath = stem + ".optimized.onnx", Seed = settings.Seed });
        report(new DemoStep("optimize", Describe(optimized), optimized.OutputPath));
        var paths = new List<string> { optimized.OutputPath };

        var float16 = ModelFileOptimizer.Optimize(new OptimizeFileRequest
        {
            InputPath = exported,
            OutputPath = stem + ".fp16.onnx",
            Seed = settings.Seed,
            Options = new OptimizeOptions { Float16 = new Float16Options() },
        });
        report(new DemoStep("fp16", Describe(float16), float16.OutputPath));
        if (float16.Optimization.Float16?.UndoneBecause is null) paths.Add(float16.OutputPath);
        return paths;
    }

    private static string Describe(FileOptimizationReport result)
    {
        var r = result.Optimization;
        string verdict = r.Verification is { } v ? (v.NotRunBecause is null ? (v.Passed ? $"verified within {v.Tolerance}" : "VERIFICATION FAILED") : "not verified") : "not verified";
        string float16 = r.Float16 is { UndoneBecause: not null } ? "; float16 conversion undone (outputs drifted)" : "";
        string ratio = ((double)r.After.ParameterBytes / Math.Max(1, r.Before.ParameterBytes)).ToString("0.00", CultureInfo.InvariantCulture);
        return $"{r.Before.Nodes} → {r.After.Nodes} nodes, weights ×{ratio}, {verdict}{float16}";
    }
}
