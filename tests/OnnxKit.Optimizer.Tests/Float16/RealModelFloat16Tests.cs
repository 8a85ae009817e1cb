using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Verification;
using OnnxKit.Reference;
using OnnxKit.Runtime;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Optimizer.Tests.Float16;

/// <summary>
/// Float16 on real models nobody here wrote, judged where users deploy them: each model is optimized
/// to float16 with the automatic mixed-precision search (as <c>onnxkit optimize --fp16 --mixed-precision
/// auto</c> does: ONNX Runtime is the target, the reference evaluator the second opinion), written,
/// and then the written file and the float32 original run in fresh ONNX Runtime sessions; every
/// output must stay within the float16 tolerance, on the inputs the tool verified on and on inputs it never saw.
/// </summary>
public sealed class RealModelFloat16Tests(ITestOutputHelper output)
{
    /// <summary>The seed of the inputs the tool verifies (and searches) on, and of inputs it never sees.</summary>
    private const int VerificationSeed = 0, UnseenSeed = 1000;

    /// <summary>Each real model with the sizes of its unknown dims and the inputs that must not be random (Silero's sample rate).</summary>
    public static TheoryData<string, string[], bool> Cases() => new()
    {
        { RealModels.PaddleOcrDetection, ["x=1x3x160x160"], false },
        { RealModels.PaddleOcrRecognition, ["x=1x3x48x80"], false },
        { RealModels.PaddleOcrClassifier, ["x=1x3x48x192"], false },
        { RealModels.SileroV5, ["input=1x512", "state=2x1x128"], true },
        { RealModels.SileroV6, ["input=1x512", "state=2x1x128"], true },
        { RealModels.SileroLegacy, ["batch=1", "sequence=512"], true },
        { RealModels.WakeWordMelSpectrogram, ["batch_size=1", "samples=1760"], false },
        { RealModels.WakeWordEmbedding, ["input_1=1x76x32x1"], false },
        { RealModels.WakeWordHeyJarvis, [], false },
    };

    [RealModelTheory(RealModels.PaddleOcrDetection, RealModels.PaddleOcrRecognition, RealModels.PaddleOcrClassifier, RealModels.SileroV5,
        RealModels.SileroV6, RealModels.SileroLegacy, RealModels.WakeWordMelSpectrogram, RealModels.WakeWordEmbedding, RealModels.WakeWordHeyJarvis)]
    [MemberData(nameof(Cases))]
    public void Float16HoldsOnOnnxRuntime(string model, string[] shapes, bool sampleRate)
    {
        using var folder = new TempFolder();
        string input = RealModels.Require(model), converted = folder.File("fp16.onnx");
        var given = sampleRate ? new Dictionary<string, ITensor> { ["sr"] = DenseTensor.FromInt64s([16000], []) } : [];
        var result = ModelFileOptimizer.Optimize(new OptimizeFileRequest
        {
            InputPath = input,
            OutputPath = converted,
            Options = new OptimizeOptions { Float16 = new Float16Options { MixedPrecision = Tolerance.Float16 } },
            Inputs = sampleRate ? ["sr=16000"] : [],
            Shapes = ShapeOverrides.Parse(shapes),
            Seed = VerificationSeed,
            VerificationBackend = new FallbackBackend(OnnxRuntimeBackend.AsWritten, new ReferenceBackend()),
            Float16VerificationBackends = [new OnnxRuntimeBackend(), new ReferenceBackend()],
        });
        var report = result.Optimization;
        output.WriteLine($"{model}: {report.Verification?.Summary}");
        output.WriteLine($"weights {report.Before.ParameterBytes:N0} → {report.After.ParameterBytes:N0} bytes; " +
            $"kept float32 by the search: {report.Float16!.MixedPrecision!.Float32Nodes.Count} ({report.Float16.MixedPrecision.Trials} trials" +
            $"{(report.Float16.MixedPrecision.SearchedAgain ? ", searched again after missing on held-out sets" : "")})");
        Assert.True(result.Succeeded, report.Verification?.Summary);
        Assert.Null(report.Float16.UndoneBecause);
        Assert.StartsWith("onnxruntime", report.Verification!.Backend, StringComparison.Ordinal);
        Assert.Contains("reference", report.Verification.Backends);
        Assert.True(report.After.ParameterBytes <= report.Before.ParameterBytes, $"weights {report.Before.ParameterBytes} → {report.After.ParameterBytes} bytes");

        // The written file and the original, in fresh sessions of ONNX Runtime as deployed, on the inputs the tool verified on.
        var original = OnnxFile.Load(input);
        var verified = Inputs(original, VerificationSeed, given, shapes);
        var deployed = new OnnxRuntimeBackend();
        using var session = deployed.Open(converted);
        foreach (var (name, comparison) in Compare(original, session, verified))
        {
            output.WriteLine($"  {name}: {comparison.Mismatches} of {comparison.Elements} out, max abs error {comparison.MaxAbsoluteError:G3}");
            Assert.True(comparison.Passed, $"{model} output '{name}' on ONNX Runtime: {comparison.Problem}");
        }
        // Inputs neither the search nor the final verification saw (the search checks its result on held-out sets and
        // searches again where it misses there, so a node whose float16 error depends on the inputs is caught).
        foreach (var (name, comparison) in Compare(original, session, Inputs(original, UnseenSeed, given, shapes)))
        {
            output.WriteLine($"  unseen inputs, {name}: {comparison.Mismatches} of {comparison.Elements} out, max abs error {comparison.MaxAbsoluteError:G3}");
            Assert.True(comparison.Passed, $"{model} output '{name}' on ONNX Runtime, inputs the tool never saw: {comparison.Problem}");
        }
    }

    private static IReadOnlyDictionary<string, ITensor> Inputs(Model model, int seed, IReadOnlyDictionary<string, ITensor> given, string[] shapes) =>
        VerificationInputs.Create(model, 1, seed, given, ShapeOverrides.Parse(shapes), [], out string? unavailable)?[0]
            ?? throw new InvalidOperationException(unavailable);

    private static IEnumerable<(string Name, OutputComparison Comparison)> Compare(Model original, IModelBackend converted, IReadOnlyDictionary<string, ITensor> inputs)
    {
        var expected = new OnnxRuntimeBackend().RunEach(original, [inputs])[0];
        var actual = converted.Run(inputs);
        return original.Graph.Outputs.Select(o => (o.Name, OutputComparer.Compare(o.Name, expected[o.Name], actual[o.Name], Tolerance.Float16)));
    }
}
