using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>
/// What a quantization runs on besides the model and options: a backend to run models (ONNX Runtime
/// or the reference evaluator, chosen by the caller), calibration batches, held-out batches to verify
/// and debug on, progress reporting and cancellation. Batches are enumerated once per use and may be
/// streamed from disk.
/// </summary>
public sealed record QuantizationServices
{
    /// <summary>Runs models (the caller chooses: ONNX Runtime, the reference evaluator, a fallback of both).</summary>
    public required IBackend Backend { get; init; }

    /// <summary>Static mode: the samples calibration observes.</summary>
    public IEnumerable<SampleBatch>? Calibration { get; init; }

    /// <summary>How many samples <see cref="Calibration"/> holds, when known (for progress).</summary>
    public long? CalibrationCount { get; init; }

    /// <summary>What <see cref="Calibration"/> is, for reports ("fashion-mnist:train, 1000 samples").</summary>
    public string? CalibrationDescription { get; init; }

    /// <summary>True when the calibration samples are random noise (the report then warns that ranges mean nothing).</summary>
    public bool CalibrationIsRandom { get; init; }

    /// <summary>Held-out samples for verification, the accuracy debugger and the accuracy budget; null uses the calibration samples.</summary>
    public IEnumerable<SampleBatch>? Evaluation { get; init; }

    /// <summary>How many samples <see cref="Evaluation"/> holds, when known (for progress).</summary>
    public long? EvaluationCount { get; init; }

    /// <summary>What <see cref="Evaluation"/> is, for reports.</summary>
    public string? EvaluationDescription { get; init; }

    /// <summary>Told about progress through calibration, verification and the budget search.</summary>
    public IProgress<QuantizationProgress>? Progress { get; init; }

    /// <summary>Cancels between batches.</summary>
    public CancellationToken Cancellation { get; init; }
}
