using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Verification;
using OnnxKit.ShapeInference;

namespace OnnxKit.Optimizer;

/// <summary>
/// The optimizer's entry point: runs a pass pipeline to a fixed point on a copy of a model (the
/// input is never changed), refreshing inferred shapes before each iteration, and verifies the
/// result against the original, whose reference outputs are computed on another thread while the passes run. When the final check fails and passes were not checked one by one,
/// it optimizes again checking after every pass, so the offending passes are found, undone and named.
/// </summary>
public static class ModelOptimizer
{
    /// <summary>Optimizes a copy of <paramref name="model"/>.</summary>
    /// <exception cref="OnnxKitException">An unknown pass name, or a pass that failed (named in the message).</exception>
    public static OptimizationResult Optimize(Model model, OptimizeOptions options)
    {
        var pipeline = BuildPipeline(options);
        var warnings = new List<string>();
        // The original's reference run needs nothing from the passes, so it runs on another thread while they do
        // (ONNX Runtime on one core, the passes on another); only --verify-each needs it before the first pass.
        var reference = options.Verification is { } settings
            ? Task.Run(() => new ModelVerifier(model, settings.Backend, settings.InputSets, settings.Tolerance, options.Cancellation))
            : null;
        PipelineOutcome outcome;
        try
        {
            var eachPass = options.Verification is { EachPass: true } ? reference!.GetAwaiter().GetResult() : null;
            outcome = Run(model, pipeline, options, eachPass is { CanVerify: true } ? eachPass : null);
        }
        catch
        {
            if (reference is not null) Task.WaitAny(reference); // the pass's failure is the one reported; the run is not left behind
            throw;
        }
        var verifier = reference?.GetAwaiter().GetResult();
        if (verifier is { CanVerify: false }) warnings.Add(verifier.Verify(model).Summary);
        if (verifier is { CanVerify: true }) options.BeforeFinalVerification?.Invoke(outcome.Model);
        VerificationResult? verification = verifier?.Verify(outcome.Model);
        if (verification is { Passed: false } && verifier!.CanVerify && !options.Verification!.EachPass)
        {
            warnings.Add($"The optimized model failed verification ({verification.Summary}); optimized again, verifying after every pass.");
            outcome = Run(model, pipeline, options, verifier);
            verification = verifier.Verify(outcome.Model);
        }
        if (!outcome.Converged) warnings.Add($"The pipeline was still changing the model after {outcome.Iterations} iterations.");
        var result = outcome.Model;
        Float16Outcome? float16 = null;
        if (options.Float16 is { } float16Options)
        {
            (result, float16, var float16Verification) = ConvertToFloat16(model, result, float16Options, options, warnings);
            verification = float16Verification ?? verification;
        }

        var report = new OptimizationReport
        {
            Before = ModelStats.Of(model),
            After = ModelStats.Of(result),
            Pipeline = pipeline.Passes,
            Runs = outcome.Runs,
            Iterations = outcome.Iterations,
            Converged = outcome.Converged,
            Verification = verification,
            Float16 = float16,
            Warnings = warnings,
        };
        return new OptimizationResult(result, report);
    }

    /// <summary>
    /// Converts a copy of the optimized model, after a mixed-precision search when asked, tidies the casts,
    /// and verifies it against the original at the float16 tolerance on every float16 verification backend
    /// (the target runtime and the second opinions); a conversion that fails is undone, and its failed
    /// verification is the one reported.
    /// </summary>
    private static (Model Model, Float16Outcome Outcome, VerificationResult? Verification) ConvertToFloat16(
        Model original, Model optimized, Float16Options float16, OptimizeOptions options, List<string> warnings)
    {
        var settings = options.Verification;
        IReadOnlyList<IBackend> backends = settings is null ? [] : settings.Float16Backends.Count > 0 ? settings.Float16Backends : [settings.Backend];
        IReadOnlyList<IReadOnlyDictionary<string, ITensor>> allSets = settings is null ? [] : [.. settings.InputSets, .. settings.HeldOutInputSets];
        var verifier = settings is null ? null : new CrossBackendVerifier(original, backends, allSets, options.Float16Tolerance, options.Cancellation);
        MixedPrecisionSearch.Outcome? search = null;
        if (float16.MixedPrecision is { } tolerance)
        {
            if (settings is null) throw new OnnxKitException("Mixed-precision search needs verification inputs and a backend.");
            search = Search(original, optimized, float16, tolerance, verifier!, settings, options.Cancellation);
            float16 = float16 with { NodeBlockList = float16.NodeBlockList.Union(search.Float32Nodes).ToHashSet(StringComparer.Ordinal) };
        }
        var converted = optimized.Clone();
        var report = Float16Converter.Convert(converted, float16);
        converted = Run(converted, new Pipeline(Float16Cleanup), options, null).Model;
        bool scan = float16.ScanForNanInf && verifier?.Target is not null;
        var nonFinite = scan ? NanInfScanner.Scan(converted, verifier!.Target!, settings!.InputSets[0]) : null;
        var verification = verifier?.Verify(converted);
        if (verification is { Passed: false, NotRunBecause: null })
        {
            warnings.Add($"The float16 conversion was undone: it is not within {options.Float16Tolerance} of the original. Try --mixed-precision auto.");
            return (optimized, new Float16Outcome(report, search, nonFinite, scan, verification.Summary), verification);
        }
        return (converted, new Float16Outcome(report, search, nonFinite, scan, null), verification);
    }

    /// <summary>
    /// The mixed-precision search, held to <see cref="Float16Options.SearchMargin"/> of <paramref name="tolerance"/>: its
    /// trials are judged on the verification input sets by the target backend alone (the first that runs the original,
    /// ONNX Runtime by default), then its result is checked on every backend and on the held-out sets too; where it misses
    /// there (a second opinion that disagrees, or nodes whose float16 error depends on the inputs, such as a recurrent
    /// state), it searches again with every backend on every set.
    /// </summary>
    private static MixedPrecisionSearch.Outcome Search(Model original, Model optimized, Float16Options float16, Tolerance tolerance,
        CrossBackendVerifier float16Verifier, VerificationSettings settings, CancellationToken cancellation)
    {
        if (float16.SearchMargin is not (> 0 and <= 1)) throw new OnnxKitException($"The mixed-precision search margin must be in (0, 1], not {float16.SearchMargin}.");
        var searchTolerance = tolerance with { Relative = tolerance.Relative * float16.SearchMargin, Absolute = tolerance.Absolute * float16.SearchMargin };
        // The float16 check already ran the original on every backend and every set: only the tolerance differs.
        var everySet = float16Verifier.WithTolerance(searchTolerance);
        if (everySet.Target is not { } target) throw new OnnxKitException($"Mixed-precision search cannot run: {everySet.Verify(original).Summary}");
        var searchVerifier = new CrossBackendVerifier(original, [target], settings.InputSets, searchTolerance, cancellation);
        var search = MixedPrecisionSearch.Find(optimized, float16, searchVerifier, cancellation);
        if (everySet.Verify(MixedPrecisionSearch.Candidate(optimized, float16, search.Float32Nodes)).Passed)
            return search with { HeldOutSets = settings.HeldOutInputSets.Count };
        var again = MixedPrecisionSearch.Find(optimized, float16, everySet, cancellation);
        return again with { Trials = search.Trials + 1 + again.Trials, HeldOutSets = settings.HeldOutInputSets.Count, SearchedAgain = true };
    }

    /// <summary>The passes that tidy a converted model: casts folded, no-ops and duplicates removed.</summary>
    private static readonly string[] Float16Cleanup = ["fold-casts", "remove-no-ops", "eliminate-common-subexpressions", "eliminate-dead-code"];

    /// <summary>The pipeline the options describe, with every name checked against the registry.</summary>
    public static Pipeline BuildPipeline(OptimizeOptions options)
    {
        var pipeline = options.Passes is { } names ? new Pipeline(names, options.MaxIterations)
            : new Pipeline(Pipeline.ForLevel(options.Level, options.Registry).Passes, options.MaxIterations);
        foreach (var name in pipeline.Passes.Concat(options.Skip))
        {
            if (!options.Registry.Contains(name)) options.Registry.Create(name); // throws, listing the known passes
        }
        return pipeline.Without(options.Skip);
    }

    private static PipelineOutcome Run(Model model, Pipeline pipeline, OptimizeOptions options, IPassVerifier? verifier)
    {
        var runner = new PipelineRunner(options.Registry) { Verifier = verifier };
        runner.Observers.AddRange(options.Observers);
        runner.BeforeIteration.Add(InferShapes);
        var context = new PassContext
        {
            Level = options.Level,
            Evaluator = options.Evaluator,
            FoldingLimits = options.FoldingLimits,
            Trace = options.Trace,
            Cancellation = options.Cancellation,
        };
        return runner.Run(model.Clone(), pipeline, context);
    }

    /// <summary>Types values from their producers so shape-dependent rewrites can see them; nothing is added to value_info.</summary>
    private static void InferShapes(Model model) => ShapeInferer.Infer(model, new ShapeInferenceOptions { WriteValueInfo = false });
}
