using OnnxKit.Ir;
using OnnxKit.Security;

namespace OnnxKit.Reference;

/// <summary>
/// The pure-C# reference evaluator as an execution backend: prepares models into
/// <see cref="ReferenceModelBackend"/>s. It computes float16 operators in float16 (rounding each
/// result), where ONNX Runtime's CPU provider computes them in float32, so it is the backend that
/// shows float16 overflow. Stateless; one instance may be shared.
/// </summary>
/// <param name="limits">The resource limits every prepared model runs within (the defaults when null).</param>
public sealed class ReferenceBackend(ResourceLimits? limits = null) : IBackend
{
    /// <summary>The name reports show: <c>reference</c>.</summary>
    public string Name => "reference";

    /// <inheritdoc/>
    public IModelBackend Prepare(Model model) => new ReferenceModelBackend(model, limits: limits);

    /// <inheritdoc/>
    public IModelBackend Open(string path) => ReferenceModelBackend.Open(path, limits);
}
