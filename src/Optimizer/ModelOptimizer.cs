using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Verification;
using OnnxKit.ShapeInference;

namespace OnnxKit.Optimizer;

/// <summary>
/// The optimizer's entry point: runs a pass pipeline to a fixed point on a copy of a model (the
/// input is never changed), refreshing inferred shapes before each iteration, and verifies the
/// result against the original. When the final check fails and passes were not checked one by one,
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
        var verifier = options.Verification is { } settings
            ? new ModelVerifier(model, settings.Backend, settings.InputSets, settings.Tolerance)
            : null;
        if (verifier is { CanVerify: false }) warnings.Add(verifier.Verify(model).Summary);

        var outcome = Run(model, pipeline, options, verifier is { CanVerify: true } && options.Verification!.EachPass ? verifier : null);
        VerificationResult? verification = verifier?.Verify(outcome.Model);
        if (verification is { Passed: false } && verifier!.CanVerify && !options.Verification!.EachPass)
        {
            warnings.Add($"The optimized model failed verification ({verification.Summary}); optimized again, verifying after every pass.");
            outcome = Run(model, pipeline, options, verifier);
            verification = verifier.Verify(outcome.Model);
        }
        if (!outcome.Converged) warnings.Add($"The pipeline was still changing the model after {outcome.Iterations} iterations.");

        var report = new OptimizationReport
        {
            Before = ModelStats.Of(model),
            After = ModelStats.Of(outcome.Model),
            Pipeline = pipeline.Passes,
            Runs = outcome.Runs,
            Iterations = outcome.Iterations,
            Converged = outcome.Converged,
            Verification = verification,
            Warnings = warnings,
        };
        return new OptimizationResult(outcome.Model, report);
    }

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
