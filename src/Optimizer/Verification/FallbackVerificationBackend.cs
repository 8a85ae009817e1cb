using OnnxKit.Ir;

namespace OnnxKit.Optimizer.Verification;

/// <summary>
/// ONNX Runtime first, the reference evaluator where ONNX Runtime cannot run a model (an operator or
/// type it has no kernel for). The first model run (by <see cref="ModelVerifier"/>, the original)
/// decides: every later model runs on the backend that ran it, so original and candidates are always
/// compared on the same one.
/// </summary>
public sealed class FallbackVerificationBackend(IVerificationBackend primary, IVerificationBackend fallback) : IVerificationBackend
{
    private IVerificationBackend? chosen;
    private string? primaryFailure;

    /// <inheritdoc/>
    public string Name => chosen is null ? $"{primary.Name}, else {fallback.Name}"
        : ReferenceEquals(chosen, primary) ? primary.Name : $"{fallback.Name} ({primary.Name} could not run the model: {primaryFailure})";

    /// <inheritdoc/>
    public IReadOnlyList<IReadOnlyDictionary<string, ITensor>> Run(Model model, IReadOnlyList<IReadOnlyDictionary<string, ITensor>> inputSets)
    {
        if (chosen is not null) return chosen.Run(model, inputSets);
        try
        {
            var results = primary.Run(model, inputSets);
            chosen = primary;
            return results;
        }
        catch (OnnxKitException e)
        {
            primaryFailure = e.Message.Split('\n')[0];
            var results = fallback.Run(model, inputSets);
            chosen = fallback;
            return results;
        }
    }
}
