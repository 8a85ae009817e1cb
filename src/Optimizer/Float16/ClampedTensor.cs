namespace OnnxKit.Optimizer.Float16;

/// <summary>A constant whose values did not fit float16: how many were clamped to ±65504 and how many tiny non-zeros were raised to ±2⁻²⁴.</summary>
public sealed record ClampedTensor(string Name, long Elements, long TooLarge, long TooSmall, double LargestMagnitude);
