namespace OnnxKit.Optimizer.Quantization;

/// <summary>A step of a running quantization: the stage, and batches done in it.</summary>
/// <param name="Stage">calibrate, verify, debug or budget.</param>
/// <param name="Batches">Batches done in the stage so far.</param>
/// <param name="Samples">Samples done in the stage so far.</param>
/// <param name="Total">Samples in the stage, when known.</param>
public sealed record QuantizationProgress(string Stage, int Batches, long Samples, long? Total = null);
