using Microsoft.Extensions.Diagnostics.HealthChecks;
using OnnxKit.Runtime.Serving;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds <see cref="InferenceEngineHealthCheck"/> to ASP.NET Core's health checks.</summary>
public static class OnnxKitHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the engine registered with <c>AddOnnxKitModel</c> (or, with <paramref name="key"/>,
    /// the keyed one); map it with <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    public static IHealthChecksBuilder AddOnnxKitModel(this IHealthChecksBuilder builder, string? key = null, string name = "onnxkit-model") =>
        builder.Add(new HealthCheckRegistration(key is null ? name : $"{name}-{key}",
            provider => new InferenceEngineHealthCheck(key is null ? provider.GetRequiredService<InferenceEngine>() : provider.GetRequiredKeyedService<InferenceEngine>(key)),
            failureStatus: null, tags: ["ready"]));
}
