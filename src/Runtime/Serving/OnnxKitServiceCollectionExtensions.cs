using OnnxKit.Runtime.Serving;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OnnxKit inference engines with a service container (ASP.NET Core's or any other).</summary>
public static class OnnxKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="InferenceEngine"/> singleton over <paramref name="modelPath"/>;
    /// inject it into endpoints and services. It is created on first use and disposed with the container.
    /// </summary>
    public static IServiceCollection AddOnnxKitModel(this IServiceCollection services, string modelPath,
        Action<InferenceEngineOptions>? configure = null) =>
        services.AddSingleton(_ => new InferenceEngine(Options(modelPath, configure)));

    /// <summary>
    /// Registers an <see cref="InferenceEngine"/> under the key <paramref name="name"/>, for
    /// services with several models; inject it with <c>[FromKeyedServices("name")]</c>.
    /// </summary>
    public static IServiceCollection AddOnnxKitModel(this IServiceCollection services, string name, string modelPath,
        Action<InferenceEngineOptions>? configure = null) =>
        services.AddKeyedSingleton(name, (_, _) =>
        {
            var options = Options(modelPath, configure);
            options.Name ??= name;
            return new InferenceEngine(options);
        });

    private static InferenceEngineOptions Options(string modelPath, Action<InferenceEngineOptions>? configure)
    {
        var options = new InferenceEngineOptions { ModelPath = modelPath };
        configure?.Invoke(options);
        return options;
    }
}
