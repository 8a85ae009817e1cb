using System.Diagnostics;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>
/// Runs a <see cref="Pipeline"/>: each pass in order, iterated until an iteration changes nothing.
/// It times every pass and counts nodes per operator before and after it, tells the
/// <see cref="Observers"/>, and, with a <see cref="Verifier"/>, checks the model after each
/// changing pass and undoes a pass the verifier rejects (that pass then sits out the rest of the run).
/// </summary>
public sealed class PipelineRunner(PassRegistry registry)
{
    /// <summary>Told about every completed pass.</summary>
    public List<IPassObserver> Observers { get; } = [];

    /// <summary>Analyses refreshed at the start of every iteration (such as shape inference), which may annotate but not rewrite the model.</summary>
    public List<Action<Model>> BeforeIteration { get; } = [];

    /// <summary>When set, judges the model after every pass that changed it.</summary>
    public IPassVerifier? Verifier { get; set; }

    /// <summary>
    /// Runs <paramref name="pipeline"/> on <paramref name="model"/>. In-place passes change the model
    /// given, so callers that need the original should pass a <see cref="Model.Clone"/>.
    /// </summary>
    /// <exception cref="PassException">A pass threw or broke its in-place declaration.</exception>
    public PipelineOutcome Run(Model model, Pipeline pipeline, PassContext context)
    {
        var passes = pipeline.Passes.Select(registry.Create).ToList();
        var benched = new HashSet<string>(StringComparer.Ordinal);
        var runs = new List<PassRun>();
        int iteration = 0;
        bool changed = true;
        while (changed && iteration < pipeline.MaxIterations)
        {
            iteration++;
            changed = false;
            foreach (var analysis in BeforeIteration) analysis(model);
            foreach (var pass in passes.Where(p => !benched.Contains(p.Name)))
            {
                context.Cancellation.ThrowIfCancellationRequested();
                var run = RunOne(pass, ref model, iteration, context);
                if (run.RejectedBecause is not null) benched.Add(pass.Name);
                changed |= run.Modified;
                runs.Add(run);
                foreach (var observer in Observers) observer.OnPassCompleted(run, model);
            }
        }
        return new PipelineOutcome(model, runs, iteration, Converged: !changed);
    }

    private PassRun RunOne(Pass pass, ref Model model, int iteration, PassContext context)
    {
        var before = OpHistogram.Of(model);
        var snapshot = Verifier is null ? null : model.Clone();
        var clock = Stopwatch.StartNew();
        PassResult result;
        try
        {
            result = pass.Run(model, context);
        }
        catch (Exception e) when (e is not (OperationCanceledException or PassException or OutOfMemoryException))
        {
            throw new PassException(pass.Name, e is OnnxKitException ? e.Message : $"failed with {e.GetType().Name}: {e.Message}", e);
        }
        clock.Stop();
        if (pass.InPlace && !ReferenceEquals(result.Model, model))
            throw new PassException(pass.Name, "declares that it works in place but returned a different model.");
        if (!pass.InPlace && result.Modified && ReferenceEquals(result.Model, model))
            throw new PassException(pass.Name, "declares that it builds a new model but changed and returned the one it was given.");
        model = result.Model;
        if (!result.Modified) return new PassRun(pass.Name, iteration, false, clock.Elapsed, before, before);

        ModelHygiene.PruneValueInfo(model);
        if (Verifier?.Check(model) is { } mismatch)
        {
            model = snapshot!;
            return new PassRun(pass.Name, iteration, false, clock.Elapsed, before, before, mismatch);
        }
        return new PassRun(pass.Name, iteration, true, clock.Elapsed, before, OpHistogram.Of(model));
    }
}
