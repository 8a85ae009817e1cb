namespace OnnxKit.Optimizer.Distillation;

/// <summary>How the members of a merged teacher ensemble are averaged.</summary>
public enum EnsembleCombine
{
    /// <summary>
    /// Weighted mean of the members' logits: <c>logits</c> = Σ wᵢ zᵢ, and
    /// <c>soft_targets</c> = Softmax(logits / T).
    /// </summary>
    Logits,

    /// <summary>
    /// Weighted mean of the members' probabilities: <c>soft_targets</c> = Σ wᵢ Softmax(zᵢ / T),
    /// and <c>logits</c> = Log(Σ wᵢ Softmax(zᵢ)), whose softmax is the mean probability at T = 1.
    /// </summary>
    Probabilities,
}
