using OnnxKit.Cli.Quantization;
using OnnxKit.Optimizer;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Quantization;

namespace OnnxKit.Cli.Demo;

/// <summary>
/// The variants of the exported model that the demo compares with it: the optimized model, the
/// optimized model converted to float16 (inputs and outputs kept float32), and the optimized model
/// statically quantized to INT8, calibrated on real images the tool ships (Fashion-MNIST). The first
/// two are verified against the original on seeded inputs, the INT8 one against the optimized model
/// on the sample images.
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
        settings.Cancellation.ThrowIfCancellationRequested();
        var int8 = Quantize(exported, stem + ".int8.onnx", settings);
        report(new DemoStep("int8", Describe(int8), int8.OutputPath));
        return [optimized.OutputPath, half.OutputPath, int8.OutputPath];
    }

    private static OptimizeFileRequest Request(string input, string output, OptimizeOptions options, DemoSettings settings) => new()
    {
        InputPath = input,
        OutputPath = output,
        Options = options with { Cancellation = settings.Cancellation },
        VerifyInputSets = 1,
        Seed = settings.Seed,
        VerificationBackend = Backends.ForVerification(),
        Float16VerificationBackends = Backends.ForFloat16Verification(),
    };

    private static FileOptimizationReport Optimize(string input, string output, OptimizeOptions options, DemoSettings settings)
    {
        var result = ModelFileOptimizer.Optimize(Request(input, output, options, settings));
        if (!result.Succeeded) throw new OnnxKitException($"Optimizing '{input}' into '{output}' failed verification: {string.Join("; ", result.Notes)}");
        return result;
    }

    /// <summary>Optimizes, then quantizes with calibration and verification on the shipped sample images.</summary>
    private static FileQuantizationReport Quantize(string input, string output, DemoSettings settings)
    {
        string samples = DemoSamples.Write(settings.OutputDirectory);
        var request = new QuantizeFileRequest { InputPath = input, OutputPath = output, Optimize = Request(input, output, new OptimizeOptions(), settings) };
        var result = ModelFileQuantizer.Quantize(request, model => SampleSources.Services(
            new QuantizationData(samples, 0, null, 0, 16, settings.Seed, BackendKind.Ort, DemoSamples.Preprocessing(model)), model, null));
        if (!result.Succeeded) throw new OnnxKitException($"Quantizing '{input}' into '{output}' failed verification: {result.Quantization.Verification?.Failure}");
        return result;
    }

    private static string Describe(FileOptimizationReport result)
    {
        var o = result.Optimization;
        return $"{o.Before.Nodes} → {o.After.Nodes} nodes, {o.Before.ParameterBytes:N0} → {o.After.ParameterBytes:N0} weight bytes; {o.Verification?.Summary ?? "not verified"}";
    }

    private static string Describe(FileQuantizationReport result)
    {
        var q = result.Quantization;
        string verified = q.Verification is { } v ? $"cosine {v.Outputs.Min(o => o.Cosine):0.#####} against float32 on the {v.Samples} sample images" : "not verified";
        return $"{q.QuantizedNodes.Values.Sum()} nodes quantized (calibrated on {q.CalibrationSamples} Fashion-MNIST images), {q.Before.ParameterBytes:N0} → {q.After.ParameterBytes:N0} weight bytes; {verified}";
    }
}
