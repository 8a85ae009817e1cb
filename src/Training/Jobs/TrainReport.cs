namespace OnnxKit.Training.Jobs;

/// <summary>What <c>onnxkit train</c> did.</summary>
/// <param name="Model">The model's name.</param>
/// <param name="Parameters">Its parameter count.</param>
/// <param name="Loss">The loss trained on.</param>
/// <param name="Optimizer">The optimizer.</param>
/// <param name="TrainExamples">The number of training examples.</param>
/// <param name="Epochs">Each epoch's figures, by name.</param>
/// <param name="StopReason">Why training stopped early, or null.</param>
/// <param name="Output">The ONNX file written.</param>
/// <param name="WeightsOutput">The weights archive written, or null.</param>
/// <param name="Seconds">The wall time.</param>
public sealed record TrainReport(string Model, long Parameters, string Loss, string Optimizer, int TrainExamples,
    IReadOnlyList<IReadOnlyDictionary<string, double>> Epochs, string? StopReason, string Output, string? WeightsOutput, double Seconds);
