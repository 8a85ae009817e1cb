using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Quantization;

/// <summary>One batch of samples: a tensor per model input (first axis = samples) and, when known, the true class of each sample.</summary>
/// <param name="Inputs">The input tensors by input name.</param>
/// <param name="Labels">The class of each sample, or null for unlabelled data.</param>
public sealed record SampleBatch(IReadOnlyDictionary<string, ITensor> Inputs, IReadOnlyList<int>? Labels = null);
