using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// A way to run ONNX models: ONNX Runtime (<c>OnnxKit.Runtime.OnnxRuntimeBackend</c>) or the
/// pure-C# reference evaluator (<c>OnnxKit.Reference.ReferenceBackend</c>). A backend prepares a
/// model once into an <see cref="IModelBackend"/>, which then runs it on named tensors as often as
/// needed. Code that runs models (verification, constant folding, conformance, calibration,
/// evaluation, training) takes an <see cref="IBackend"/> and never references ONNX Runtime
/// itself; the CLI chooses and composes backends (see <see cref="FallbackBackend"/>).
/// </summary>
/// <remarks>
/// <para>
/// A backend that cannot run a model (an operator, opset, element type or value kind it lacks)
/// says so by throwing <see cref="UnsupportedFeatureException"/> from <see cref="Prepare"/>,
/// <see cref="Open"/> or a run, with a message that completes "cannot run this model because ...".
/// Any other <see cref="OnnxKitException"/> is a failure: a malformed model, a bad input, a kernel
/// error. <see cref="BackendExtensions.TryPrepare"/> turns the first kind into a reason.
/// </para>
/// <para>
/// Backends are cheap, stateless factories unless they say otherwise; what they prepare is
/// disposable and owned by the caller.
/// </para>
/// </remarks>
public interface IBackend
{
    /// <summary>A short name for reports, e.g. <c>reference</c> or <c>onnxruntime (CPU)</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Prepares an in-memory model. The model is not modified, but a backend may keep it while the
    /// prepared model lives (the reference evaluator does), so do not change it until the result is disposed.
    /// </summary>
    /// <exception cref="UnsupportedFeatureException">The backend cannot run this model; the message says why.</exception>
    /// <exception cref="OnnxKitException">The model is invalid for this backend, naming the model and the problem.</exception>
    IModelBackend Prepare(Model model);

    /// <summary>Prepares the model file at <paramref name="path"/>, reading external data from its folder.</summary>
    /// <exception cref="UnsupportedFeatureException">The backend cannot run this model; the message says why.</exception>
    /// <exception cref="OnnxKitException">The file is missing or is not a model this backend can load.</exception>
    IModelBackend Open(string path);
}
