namespace OnnxKit.Evaluation.Metrics;

/// <summary>One bin of a reliability diagram: confidences in (Lower, Upper] (the first bin includes 0), how many, their mean, and the accuracy there.</summary>
public sealed record ReliabilityBin(double Lower, double Upper, long Count, double MeanConfidence, double Accuracy);
