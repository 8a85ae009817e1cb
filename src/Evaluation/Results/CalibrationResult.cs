using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Results;

/// <summary>Expected calibration error and the reliability diagram's bins.</summary>
public sealed record CalibrationResult(double ExpectedCalibrationError, IReadOnlyList<ReliabilityBin> Bins);
