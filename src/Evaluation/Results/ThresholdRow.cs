using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Results;

/// <summary>The two-class outcome at one threshold of a sweep; <see cref="Cost"/> and <see cref="CostWeightedAccuracy"/> are null without costs.</summary>
public sealed record ThresholdRow(double Threshold, BinaryCounts Cells, double Accuracy, double Precision, double Recall, double F1, double? Cost, double? CostWeightedAccuracy);
