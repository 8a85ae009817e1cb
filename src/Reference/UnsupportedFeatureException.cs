namespace OnnxKit.Reference;

/// <summary>
/// A model uses something a backend does not implement: an operator (at the model's opset), an
/// element type for an operator, or an attribute value. Conformance runs report such cases as
/// skipped, with <see cref="Exception.Message"/> as the reason, rather than as failed.
/// </summary>
public class UnsupportedFeatureException : OnnxKitException
{
    /// <summary>Creates the error; <paramref name="feature"/> is a short name of what is missing.</summary>
    public UnsupportedFeatureException(string feature, string message) : base(message) => Feature = feature;

    /// <summary>A short name of what is missing, e.g. <c>ai.onnx::Foo@21</c> or <c>element type string</c>.</summary>
    public string Feature { get; }
}
