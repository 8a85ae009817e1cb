using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Passes;

/// <summary>The result of running a pipeline: the model, every pass run, and whether a fixed point was reached.</summary>
public sealed record PipelineOutcome(Model Model, IReadOnlyList<PassRun> Runs, int Iterations, bool Converged)
{
    /// <summary>The passes whose changes verification rejected and undid, with the reasons.</summary>
    public IReadOnlyList<PassRun> Rejected => Runs.Where(r => r.RejectedBecause is not null).ToList();

    /// <summary>Total time per pass over all iterations, in pipeline order.</summary>
    public IReadOnlyList<(string Pass, TimeSpan Elapsed, int Changes)> TimePerPass =>
        Runs.GroupBy(r => r.Pass).Select(g => (g.Key, TimeSpan.FromTicks(g.Sum(r => r.Elapsed.Ticks)), g.Count(r => r.Modified))).ToList();
}
