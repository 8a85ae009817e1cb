using OnnxKit.Ir;
using OnnxKit.Reference;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// Runs models for verification with OnnxKit's reference evaluator, which computes float16 operators in
/// float16 (rounding each result), where ONNX Runtime's CPU provider has no float16 kernel and silently
/// computes in float32, hiding float16 overflow.
/// </summary>
public sealed class ReferenceVerificationBackend : IVerificationBackend
{
    /// <inheritdoc/>
    public string Name => "OnnxKit reference evaluator";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyDictionary<string, ITensor>> Run(Model model, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets)
    {
        using var backend = new ReferenceModelBackend(model);
        return inputSets.Select(set => backend.Run(set)).ToList();
    }
}
