using OnnxKit.Ir;
using OnnxKit.Runtime;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// Runs models for verification in ONNX Runtime on the CPU with its own graph optimizations off, so the
/// models are compared as written and ONNX Runtime's rewrites cannot mask a difference.
/// </summary>
public sealed class OnnxRuntimeVerificationBackend : IVerificationBackend
{
    private static readonly SessionSettings Settings = new() { OptimizationLevel = OptimizationLevel.None };

    /// <inheritdoc/>
    public string Name => "ONNX Runtime (CPU, graph optimizations off)";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyDictionary<string, ITensor>> Run(Model model, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets)
    {
        using var session = OnnxSession.FromModel(model, Settings);
        return inputSets.Select(set => session.Run(set)).ToList();
    }
}
