using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// A health check over an <see cref="InferenceEngine"/>: healthy while it serves, with the model,
/// provider and requests waiting as data; degraded when its queue is more than 90 % full.
/// Register with <c>services.AddHealthChecks().AddOnnxKitModel()</c>.
/// </summary>
public sealed class InferenceEngineHealthCheck(InferenceEngine engine) : IHealthCheck
{
    /// <inheritdoc/>
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["model"] = engine.Name,
            ["provider"] = engine.Provider.ToString(),
            ["batching"] = engine.IsBatching,
            ["waiting"] = engine.Waiting,
            ["queueCapacity"] = engine.QueueCapacity,
        };
        var result = engine.Waiting * 10 > engine.QueueCapacity * 9
            ? HealthCheckResult.Degraded($"Model '{engine.Name}': {engine.Waiting} of {engine.QueueCapacity} queue places taken.", data: data)
            : HealthCheckResult.Healthy($"Model '{engine.Name}' is serving on {engine.Provider}.", data);
        return Task.FromResult(result);
    }
}
