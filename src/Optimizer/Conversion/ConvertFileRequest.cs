using OnnxKit.Execution;
using OnnxKit.Reference;

namespace OnnxKit.Optimizer.Conversion;

/// <summary>What <see cref="ModelFileConverter.Convert"/> does with a model file: the conversion, how it is verified, where it goes.</summary>
public sealed record ConvertFileRequest
{
    /// <summary>The model to convert; never modified.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the converted model is written (atomically), with its external data beside it when needed.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The target opset and IR version.</summary>
    public required ConvertOptions Options { get; init; }

    /// <summary>Random input sets to verify with; 0 skips verification.</summary>
    public int VerifyInputSets { get; init; } = 1;

    /// <summary>Seed of the random inputs.</summary>
    public int Seed { get; init; }

    /// <summary>Runs the original and the converted model (the CLI gives ONNX Runtime, falling back to the reference evaluator).</summary>
    public IBackend VerificationBackend { get; init; } = new ReferenceBackend();

    /// <summary>How close the converted model's outputs must stay to the original's.</summary>
    public Tolerance Tolerance { get; init; } = Tolerance.Float32 with { WidenForCoarseTypes = true };
}
