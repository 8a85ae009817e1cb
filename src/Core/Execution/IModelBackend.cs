using OnnxKit.Ir;

namespace OnnxKit.Execution;

/// <summary>
/// One model prepared on a backend, ready to run: ONNX Runtime's session (OnnxKit.Runtime's
/// <c>OnnxSession</c>) or the reference evaluator's (OnnxKit.Reference's <c>ReferenceModelBackend</c>).
/// Get one from <see cref="IBackend.Prepare"/> or <see cref="IBackend.Open"/> (or from those types
/// directly); the caller owns and disposes it. Commands such as <c>onnxkit run</c> work against
/// this interface so the backend can be chosen on the command line.
/// </summary>
/// <remarks>
/// Runs check their inputs against <see cref="Inputs"/> first (<see cref="InputValidation"/>), so a
/// missing, unknown or mistyped input is an <see cref="OnnxKitException"/> naming the model and the
/// input on every backend. Tensors passed in stay the caller's and are not modified; tensors
/// returned are the caller's. <see cref="Run"/> may be called from several threads at once.
/// </remarks>
public interface IModelBackend : IDisposable
{
    /// <summary>A short name for reports, e.g. <c>onnxruntime 1.32.0 (CPUExecutionProvider)</c> or <c>reference</c>.</summary>
    string Name { get; }

    /// <summary>The graph inputs a caller must feed, in graph order, without initializers.</summary>
    IReadOnlyList<TensorSpec> Inputs { get; }

    /// <summary>The graph outputs, in graph order.</summary>
    IReadOnlyList<TensorSpec> Outputs { get; }

    /// <summary>
    /// Runs the model once. <paramref name="inputs"/> are keyed by input name; the result holds
    /// every graph output, keyed by name, each tensor named after its output.
    /// </summary>
    /// <exception cref="UnsupportedFeatureException">The backend cannot run this model (an output that is not a tensor, for one).</exception>
    /// <exception cref="OnnxKitException">An input is missing or mistyped, or the model fails to run; the message names the model and value.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    IReadOnlyDictionary<string, ITensor> Run(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs the model on values of any kind (tensors, sequences, optionals), for models whose
    /// inputs or outputs are not all tensors. A backend that exchanges tensors only keeps this
    /// default, which runs tensor inputs through <see cref="Run"/> and refuses other kinds with an
    /// <see cref="UnsupportedFeatureException"/>.
    /// </summary>
    /// <exception cref="UnsupportedFeatureException">The backend does not exchange values of a kind the model uses.</exception>
    /// <exception cref="OnnxKitException">As for <see cref="Run"/>.</exception>
    IReadOnlyDictionary<string, OnnxValue> RunValues(IReadOnlyDictionary<string, OnnxValue> inputs, CancellationToken cancellationToken = default)
    {
        var tensors = new Dictionary<string, ITensor>(inputs.Count, StringComparer.Ordinal);
        foreach (var (name, value) in inputs)
        {
            tensors[name] = value.Kind == OnnxValueKind.Tensor ? value.Tensor
                : throw new UnsupportedFeatureException("non-tensor values", $"Input '{name}' is {value.Describe()}; {Name} exchanges tensors only.");
        }
        var outputs = new Dictionary<string, OnnxValue>(StringComparer.Ordinal);
        foreach (var (name, tensor) in Run(tensors, cancellationToken)) outputs[name] = OnnxValue.FromTensor(tensor);
        return outputs;
    }
}
