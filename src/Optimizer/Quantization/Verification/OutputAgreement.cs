namespace OnnxKit.Optimizer.Quantization.Verification;

/// <summary>
/// How closely one output of the quantized model follows the float model's over the evaluation samples.
/// </summary>
/// <param name="Name">The output.</param>
/// <param name="Elements">Elements compared.</param>
/// <param name="Cosine">Cosine similarity of the two outputs as vectors (1 = same direction).</param>
/// <param name="RelativeError">‖q − f‖₂ / ‖f‖₂.</param>
/// <param name="MaxAbsoluteError">The largest |q − f|.</param>
/// <param name="Sqnr">10·log10(‖f‖² / ‖q − f‖²), in dB.</param>
/// <param name="Top1Agreement">For outputs with a class axis (last axis longer than 1): the share of rows whose arg-max agrees.</param>
public sealed record OutputAgreement(string Name, long Elements, double Cosine, double RelativeError, double MaxAbsoluteError, double Sqnr, double? Top1Agreement);
