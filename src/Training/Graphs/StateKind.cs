namespace OnnxKit.Training.Graphs;

/// <summary>What a tensor carried from one training step to the next holds.</summary>
internal enum StateKind
{
    /// <summary>A trainable weight.</summary>
    Weight,

    /// <summary>An optimizer slot of a weight (momentum, Adam's moments).</summary>
    Slot,

    /// <summary>A running statistic (BatchNormalization's moving mean and variance).</summary>
    Statistic,
}
