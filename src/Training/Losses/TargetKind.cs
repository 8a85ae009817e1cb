namespace OnnxKit.Training.Losses;

/// <summary>What a loss compares the model's output with.</summary>
public enum TargetKind
{
    /// <summary>Class indices, int64, one per example.</summary>
    Labels,

    /// <summary>Float targets shaped like the model's output (regression, multi-label).</summary>
    Dense,

    /// <summary>A teacher's class probabilities at the distillation temperature, float [batch, classes].</summary>
    SoftTargets,
}
