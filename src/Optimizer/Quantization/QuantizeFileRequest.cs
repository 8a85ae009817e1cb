namespace OnnxKit.Optimizer.Quantization;

/// <summary>What <see cref="ModelFileQuantizer.Quantize"/> does with a model file.</summary>
public sealed record QuantizeFileRequest
{
    /// <summary>The float model; never modified.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the quantized model is written (atomically, external data beside it when needed), only when it meets the budget.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The quantization settings.</summary>
    public QuantizeOptions Options { get; init; } = new();

    /// <summary>The optimizer's passes and their verification, run on the float model first (<c>optimize --int8</c>; its paths are not used); null runs none.</summary>
    public OptimizeFileRequest? Optimize { get; init; }
}
