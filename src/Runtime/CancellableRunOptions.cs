using Microsoft.ML.OnnxRuntime;

namespace OnnxKit.Runtime;

/// <summary>
/// ONNX Runtime run options tied to one cancellation token: cancelling the token sets
/// <see cref="RunOptions.Terminate"/>, which stops a run in progress. Registered once and kept
/// by <see cref="OnnxSession"/> for the next run with the same token, so a caller running many
/// batches under one token creates one native object and one registration, not one per batch.
/// </summary>
internal sealed class CancellableRunOptions : IDisposable
{
    private readonly CancellationTokenRegistration registration;

    public CancellableRunOptions(CancellationToken token)
    {
        Token = token;
        Options = new RunOptions();
        var options = Options;
        registration = token.Register(() => options.Terminate = true);
    }

    /// <summary>The token these options answer to.</summary>
    public CancellationToken Token { get; }

    /// <summary>The native run options.</summary>
    public RunOptions Options { get; }

    /// <summary>Stops listening to the token, then releases the native options.</summary>
    public void Dispose()
    {
        registration.Dispose();
        Options.Dispose();
    }
}
