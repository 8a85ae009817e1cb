namespace OnnxKit.Optimizer.Quantization.Calibration;

/// <summary>The real range a tensor is quantized over, as calibration chose it.</summary>
/// <param name="Min">The lower end.</param>
/// <param name="Max">The upper end.</param>
public sealed record TensorRange(double Min, double Max)
{
    /// <inheritdoc/>
    public override string ToString() => FormattableString.Invariant($"[{Min:G5}, {Max:G5}]");
}
