namespace OnnxKit.Training.Execution;

/// <summary>The outcome of one training step.</summary>
/// <param name="Loss">The batch's mean loss.</param>
/// <param name="MetricSums">Each metric's sum over the batch (empty when the step failed).</param>
/// <param name="NonFinite">What was NaN or infinite ("the loss", "the squared norm of the gradient of 'dense/kernel'"), or null when the step succeeded.</param>
/// <param name="NonFiniteValue">The offending value (the loss, or a gradient's squared norm).</param>
internal sealed record StepResult(float Loss, float[] MetricSums, string? NonFinite, float NonFiniteValue)
{
    /// <summary>Whether the step's state was kept.</summary>
    public bool Succeeded => NonFinite is null;
}
