namespace OnnxKit.Runtime;

/// <summary>
/// An execution provider that was asked for explicitly cannot be used; the message names
/// what is missing (the GPU package, or the CUDA, cuDNN or TensorRT libraries).
/// OnnxKit never falls back silently from an explicit choice.
/// </summary>
public sealed class ProviderUnavailableException(ExecutionProviderKind provider, string message, Exception? inner = null)
    : OnnxKitException(message, inner ?? new InvalidOperationException(message))
{
    /// <summary>The provider that could not be used.</summary>
    public ExecutionProviderKind Provider { get; } = provider;
}
