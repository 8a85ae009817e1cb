using OnnxKit.Checker;
using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Verification;
using OnnxKit.Serialization;

namespace OnnxKit.Optimizer;

/// <summary>
/// Optimizes a model file into another: loads it, prepares verification inputs (given files and
/// seeded random tensors), optimizes with verification on the request's backends (the CLI passes
/// ONNX Runtime, falling back to the reference evaluator; float16 results must agree on ONNX Runtime
/// and on the reference evaluator, which computes float16 as float16), and saves the result atomically (writing it while it is verified, renamed into place only once it is kept);
/// a float16 conversion that failed verification writes nothing unless <see cref="OptimizeFileRequest.KeepOnFailure"/>. The input file
/// and its external data are only read.
/// </summary>
public static class ModelFileOptimizer
{
    /// <summary>Runs <paramref name="request"/>.</summary>
    /// <exception cref="OnnxKitException">The paths collide, an input file is bad, or the model cannot be optimized.</exception>
    public static FileOptimizationReport Optimize(OptimizeFileRequest request)
    {
        string input = Path.GetFullPath(request.InputPath), output = Path.GetFullPath(request.OutputPath);
        var model = OnnxFile.Load(input);
        ModelGuard.Require(model, request.Limits, Path.GetFileName(input));
        var dataFiles = ExternalFiles(model, input);
        if (output == input || dataFiles.Contains(output) || dataFiles.Contains(output + ".data"))
            throw new OnnxKitException($"Writing '{request.OutputPath}' would overwrite the input model or its data; choose another output path.");

        var notes = new List<string>();
        // The float32 result is written (to temporary files) while it is verified, and renamed into place afterwards
        // if it is what gets written; a float16 conversion replaces it, so that is written at the end. Models with large
        // weights are written after the check: the write reads the weights while the check's session holds its own copy.
        using var early = new SaveWhileVerifying(output, request.Options.Cancellation);
        var optimizing = request.Options.Float16 is null && WeightBytes(model) <= MaxWeightBytesWrittenWhileVerifying
            ? request with { Options = request.Options with { BeforeFinalVerification = request.Options.BeforeFinalVerification + early.Start } }
            : request;
        var (result, report) = OptimizeLoaded(model, optimizing, notes);
        long inputBytes = new FileInfo(input).Length + dataFiles.Where(File.Exists).Sum(f => new FileInfo(f).Length);
        var unwritten = new FileOptimizationReport(input, output, inputBytes, 0, report, notes) { Written = false };
        if ((report.Float16?.UndoneBecause is not null || unwritten.NotVerified) && !request.KeepOnFailure) return unwritten;
        request.Options.Cancellation.ThrowIfCancellationRequested(); // interrupted: the output is not written
        if (!early.TryCommit(result.Model)) OnnxFile.Save(result.Model, output, new SaveOptions { Cancellation = request.Options.Cancellation });
        long outputBytes = new FileInfo(output).Length + (File.Exists(output + ".data") ? new FileInfo(output + ".data").Length : 0);
        return new FileOptimizationReport(input, output, inputBytes, outputBytes, report, notes);
    }

    /// <summary>
    /// Optimizes a loaded model as <paramref name="request"/> says (its paths are not used): verification inputs
    /// from the given files and seeded random tensors, checked on ONNX Runtime (float16 on the reference evaluator).
    /// </summary>
    internal static (OptimizationResult Result, OptimizationReport Report) OptimizeLoaded(Model model, OptimizeFileRequest request, List<string> notes)
    {
        var options = request.Options;
        string? cannotVerify = null;
        if (request.VerifyInputSets > 0 || request.VerifyEachPass || request.Options.Float16?.MixedPrecision is not null)
        {
            var specs = model.Graph.Inputs.Where(v => !model.Graph.Initializers.Contains(v.Name))
                .Select(v => new TensorSpec(v.Name, v.TensorType?.ElementType ?? DataType.Undefined, v.TensorType?.Shape)).ToList();
            var given = InputArguments.Read(request.Inputs, Path.GetFileName(request.InputPath), specs, request.Shapes, request.Limits);
            int verifySets = Math.Max(1, request.VerifyInputSets);
            int heldOut = request.Options.Float16?.MixedPrecision is null ? 0 : MixedPrecisionHeldOutSets;
            var sets = VerificationInputs.Create(model, verifySets + heldOut, request.Seed, given, request.Shapes, notes, out cannotVerify);
            if (sets is not null) options = options with
            {
                Verification = new VerificationSettings
                {
                    Backend = request.VerificationBackend,
                    Float16Backends = request.Float16VerificationBackends,
                    InputSets = sets.Take(verifySets).ToList(),
                    HeldOutInputSets = sets.Skip(verifySets).ToList(),
                    Tolerance = request.Tolerance,
                    EachPass = request.VerifyEachPass,
                },
            };
        }
        if (cannotVerify is not null && request.Options.Float16?.MixedPrecision is not null)
            throw new OnnxKitException($"Mixed-precision search needs verification inputs: {cannotVerify}");
        var result = ModelOptimizer.Optimize(model, options);
        var report = cannotVerify is null ? result.Report
            : result.Report with { Verification = new VerificationResult("none", 0, request.Tolerance, [], $"no verification inputs: {cannotVerify}") };
        return (result, report);
    }

    /// <summary>
    /// Above this many bytes of weights the optimized model is written after its check, not during it: writing reads every
    /// weight (pages of the mapped input file, for those the passes left alone) while the check's session holds a copy of
    /// them, which took VGG-16's (553 MB) peak memory from 1.3 to 2.2 times its file size.
    /// </summary>
    internal const long MaxWeightBytesWrittenWhileVerifying = 256L << 20;

    /// <summary>The bytes of every initializer's data in the model's graphs (from their shapes; no data is read).</summary>
    private static long WeightBytes(Model model) => model.AllGraphs().SelectMany(g => g.Initializers).Sum(v => v.ConstValue?.ByteCount ?? 0);

    /// <summary>
    /// Random input sets (beyond <see cref="OptimizeFileRequest.VerifyInputSets"/>) a mixed-precision search does not
    /// search on but must also hold on: one set let float16 nodes through whose error depends on the inputs.
    /// </summary>
    private const int MixedPrecisionHeldOutSets = 3;

    /// <summary>The external data files the model reads, as full paths.</summary>
    internal static HashSet<string> ExternalFiles(Model model, string modelPath)
    {
        string folder = Path.GetDirectoryName(modelPath)!;
        return model.AllGraphs().SelectMany(g => g.Initializers).Select(v => v.ConstValue!.ExternalReference()?.Location)
            .OfType<string>().Select(l => Path.GetFullPath(Path.Combine(folder, l))).ToHashSet(StringComparer.Ordinal);
    }
}
