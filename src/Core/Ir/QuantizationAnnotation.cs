namespace OnnxKit.Ir;

/// <summary>Names the tensors (scale, zero point, ...) holding the quantization parameters of <see cref="TensorName"/>.</summary>
public sealed record QuantizationAnnotation(string? TensorName, IReadOnlyList<KeyValuePair<string, string>> ParameterTensorNames);
