using OnnxKit.Optimizer.Float16;
using OnnxKit.Optimizer.Passes;
using OnnxKit.Optimizer.Verification;

namespace OnnxKit.Optimizer;

/// <summary>What an optimization did: sizes before and after, every pass run, verification, and warnings.</summary>
public sealed record OptimizationReport
{
    /// <summary>The input model's figures.</summary>
    public required ModelStats Before { get; init; }

    /// <summary>The optimized model's figures.</summary>
    public required ModelStats After { get; init; }

    /// <summary>The pipeline that ran.</summary>
    public required IReadOnlyList<string> Pipeline { get; init; }

    /// <summary>Every pass in every iteration, with timing and op counts.</summary>
    public required IReadOnlyList<PassRun> Runs { get; init; }

    /// <summary>Pipeline iterations run.</summary>
    public int Iterations { get; init; }

    /// <summary>True when the last iteration changed nothing.</summary>
    public bool Converged { get; init; }

    /// <summary>Passes whose changes verification undid, with the reasons.</summary>
    public IReadOnlyList<PassRun> Rejected => Runs.Where(r => r.RejectedBecause is not null).ToList();

    /// <summary>The final verification, when one was asked for.</summary>
    public VerificationResult? Verification { get; init; }

    /// <summary>The float16 conversion, when one was asked for.</summary>
    public Float16Outcome? Float16 { get; init; }

    /// <summary>Things the user should know that did not stop the optimization.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
