namespace OnnxKit.Training;

/// <summary>A model's mean loss and metrics over a set of examples (inference mode).</summary>
/// <param name="Loss">The mean loss.</param>
/// <param name="Metrics">Each metric's mean, by name.</param>
/// <param name="Count">The number of examples.</param>
public sealed record EvaluationResult(double Loss, IReadOnlyDictionary<string, double> Metrics, int Count);
