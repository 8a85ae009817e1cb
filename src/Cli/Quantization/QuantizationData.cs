using OnnxKit.Data.Preprocessing;

namespace OnnxKit.Cli.Quantization;

/// <summary>Where <c>onnxkit quantize</c> takes its samples from, how they are preprocessed and batched, and which backend runs the models.</summary>
internal sealed record QuantizationData(string? Calibration, int CalibrationSamples, string? Evaluation, int EvaluationSamples, int BatchSize, int Seed,
    BackendKind Backend, PreprocessingOptions Preprocessing);
