namespace OnnxKit.Execution;

/// <summary>
/// A backend cannot run a model because the model uses something the backend does not
/// implement: an operator (at the model's opset), an element type for an operator, an
/// attribute value, a kind of value (a sequence where only tensors are exchanged). Its
/// <see cref="Exception.Message"/> completes the sentence "cannot run this model because ...".
/// Callers tell it apart from a real failure: conformance runs report such cases as skipped,
/// and a fallback backend tries its second backend.
/// </summary>
public class UnsupportedFeatureException : OnnxKitException
{
    /// <summary>Creates the error; <paramref name="feature"/> is a short name of what is missing.</summary>
    public UnsupportedFeatureException(string feature, string message) : base(message) => Feature = feature;

    /// <summary>Creates the error with the backend's own error that revealed it.</summary>
    public UnsupportedFeatureException(string feature, string message, Exception inner) : base(message, inner) => Feature = feature;

    /// <summary>A short name of what is missing, e.g. <c>ai.onnx::Foo@21</c> or <c>element type string</c>.</summary>
    public string Feature { get; }
}
