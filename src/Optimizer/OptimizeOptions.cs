using OnnxKit.Execution;
using OnnxKit.Ir;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Reference;
using OnnxKit.Optimizer.Rules.Folding;
using OnnxKit.Optimizer.Verification;

namespace OnnxKit.Optimizer;

/// <summary>What <see cref="ModelOptimizer.Optimize"/> does: which passes, how they are checked, and whether to convert to float16.</summary>
public sealed record OptimizeOptions
{
    /// <summary>The level whose passes run when <see cref="Passes"/> is null.</summary>
    public PassLevel Level { get; init; } = PassLevel.All;

    /// <summary>Exactly these passes, in this order, instead of the level's.</summary>
    public IReadOnlyList<string>? Passes { get; init; }

    /// <summary>Passes left out of the pipeline.</summary>
    public IReadOnlyList<string> Skip { get; init; } = [];

    /// <summary>The most pipeline iterations before giving up on a fixed point.</summary>
    public int MaxIterations { get; init; } = 10;

    /// <summary>The passes to choose from; the built-in ones by default.</summary>
    public PassRegistry Registry { get; init; } = PassRegistry.Default;

    /// <summary>The backend that evaluates nodes for constant folding (the reference evaluator by default); null leaves computed constants unfolded.</summary>
    public IBackend? Evaluator { get; init; } = new ReferenceBackend();

    /// <summary>Size limits for constant folding.</summary>
    public FoldingLimits FoldingLimits { get; init; } = new();

    /// <summary>Convert to float16 after the pipeline; null keeps the model's precision.</summary>
    public Float16.Float16Options? Float16 { get; init; }

    /// <summary>How close a float16 model must stay to the original.</summary>
    public Tolerance Float16Tolerance { get; init; } = Tolerance.Float16;

    /// <summary>How to check the result; null skips verification.</summary>
    public VerificationSettings? Verification { get; init; }

    /// <summary>
    /// Called with the optimized model just before its final float32 verification runs (only when the original
    /// ran, so the check can pass), e.g. to start writing it meanwhile; the model is not changed afterwards. The
    /// model <see cref="ModelOptimizer.Optimize"/> returns may be another one (verification failed and the passes
    /// ran again, or a float16 conversion followed): compare references before using what was started.
    /// </summary>
    public Action<Model>? BeforeFinalVerification { get; init; }

    /// <summary>Told about every pass as it completes (progress, logging).</summary>
    public IReadOnlyList<IPassObserver> Observers { get; init; } = [];

    /// <summary>Receives the reasons rewrites were declined.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>Cancels between passes.</summary>
    public CancellationToken Cancellation { get; init; }
}
