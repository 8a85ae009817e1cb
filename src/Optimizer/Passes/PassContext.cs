using OnnxKit.Execution;
using OnnxKit.Optimizer.Rules.Folding;

namespace OnnxKit.Optimizer.Passes;

/// <summary>What every pass may consult while it runs: settings, services and the trace sink. Immutable.</summary>
public sealed record PassContext
{
    /// <summary>The level the pipeline runs at (passes may skip rewrites above it).</summary>
    public PassLevel Level { get; init; } = PassLevel.All;

    /// <summary>The backend that evaluates single nodes on constant inputs for constant folding; null disables folding of computed values.</summary>
    public IBackend? Evaluator { get; init; }

    /// <summary>Size limits for constant folding.</summary>
    public FoldingLimits FoldingLimits { get; init; } = new();

    /// <summary>Receives one line per rewrite a rule considered and declined, with the reason (for <c>--explain</c>); null to discard.</summary>
    public Action<string>? Trace { get; init; }

    /// <summary>Cancels a long pipeline between passes and between graphs.</summary>
    public CancellationToken Cancellation { get; init; }
}
