using Microsoft.Extensions.Hosting;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// Creates a registered <see cref="InferenceEngine"/> when the host starts, so loading the model
/// (and any reason it cannot be served) happens at start-up rather than on the first request.
/// </summary>
internal sealed class InferenceEngineStarter(Func<InferenceEngine> resolve) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = resolve();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
