namespace OnnxKit.Evaluation.Metrics;

/// <summary>One point of a curve: x, y, and the score threshold that gives it (+∞ for the curve's start).</summary>
public readonly record struct CurvePoint(double X, double Y, double Threshold);
