using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Float16;

namespace OnnxKit.Cli.Demo;

/// <summary>
/// The variants of the exported model that the demo compares with it: the
/// optimized model, and the optimized model converted to float16 (inputs and
/// outputs kept float32). Both are verified against the original on seeded inputs.
/// </summary>
internal static class DemoVariants
{
    /// <summary>Writes the variants beside <paramref name="exported"/> and returns their paths, in order.</summary>
    public static IReadOnlyList<string> Create(string exported, DemoSettings settings, Action<DemoStep> report)
    {
        string stem = Path.Combine(settings.OutputDirectory, settings.Model);
        var optimized = Optimize(exported, stem + ".opt.onnx", new OptimizeOptions(), settings);
        report(new DemoStep("optimize", Describe(optimized), optimized.OutputPath));
        var half = Optimize(exported, stem + ".fp16.onnx", new OptimizeOptions { Float16 = new Float16Options() }, settings);
        report(new DemoStep("fp16", Describe(half), half.OutputPath));
        return [optimized.OutputPath, half.OutputPath];
    }

    private static FileOptimizationReport Optimize(string input, string output, OptimizeOptions options, DemoSettings settings)
    {
        var result = ModelFileOptimizer.Optimize(new OptimizeFileRequest
        {
            InputPath = input,
            OutputPath = output,
            Options = options,
            VerifyInputSets = 1,
            Seed = settings.Seed,
            VerificationBackend = Backends.ForVerification(),
        });
        if (!result.Succeeded) throw new OnnxKitException($"Optimizing '{input}' into '{output}' failed verification: {string.Join("; ", result.Notes)}");
        return result;
    }

    private static string Describe(FileOptimizationReport result)
    {
        var o = result.Optimization;
        return $"{o.Before.Nodes} → {o.After.Nodes} nodes, {o.Before.ParameterBytes:N0} → {o.After.ParameterBytes:N0} weight bytes; {o.Verification?.Summary ?? "not verified"}";
    }
}
