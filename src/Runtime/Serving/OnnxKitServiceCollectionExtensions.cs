using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OnnxKit.Runtime.Serving;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// Registers OnnxKit inference engines with a service container (ASP.NET Core's or any other
/// host). Options are <c>IOptions&lt;InferenceEngineOptions&gt;</c>, validated when the host
/// starts, and each engine is created then too: a missing model, a model that cannot be
/// batched as asked, or a bad setting stops the host at start-up with its reason, instead of
/// failing the first request.
/// </summary>
public static class OnnxKitServiceCollectionExtensions
{
    /// <summary>
    /// Registers one <see cref="InferenceEngine"/> singleton whose options come from the returned
    /// builder: bind them from configuration or set them there
    /// (<c>services.AddOnnxKitModel().Configure(o => o.ModelPath = ...)</c>).
    /// </summary>
    public static OptionsBuilder<InferenceEngineOptions> AddOnnxKitModel(this IServiceCollection services)
    {
        services.AddSingleton(provider => new InferenceEngine(
            provider.GetRequiredService<IOptions<InferenceEngineOptions>>().Value, provider.GetService<ILogger<InferenceEngine>>()));
        services.AddSingleton<IHostedService>(provider => new InferenceEngineStarter(provider.GetRequiredService<InferenceEngine>));
        return Validated(services.AddOptions<InferenceEngineOptions>());
    }

    /// <summary>
    /// Registers one <see cref="InferenceEngine"/> singleton over <paramref name="modelPath"/>;
    /// inject it into endpoints and services. It is created when the host starts and disposed with the container.
    /// </summary>
    public static IServiceCollection AddOnnxKitModel(this IServiceCollection services, string modelPath,
        Action<InferenceEngineOptions>? configure = null)
    {
        services.AddOnnxKitModel().Configure(options => Configure(options, modelPath, configure));
        return services;
    }

    /// <summary>
    /// Registers an <see cref="InferenceEngine"/> under the key <paramref name="name"/>, for
    /// services with several models; inject it with <c>[FromKeyedServices("name")]</c>. Its
    /// options are the named options <paramref name="name"/>.
    /// </summary>
    public static IServiceCollection AddOnnxKitModel(this IServiceCollection services, string name, string modelPath,
        Action<InferenceEngineOptions>? configure = null)
    {
        services.AddKeyedSingleton(name, (provider, _) => new InferenceEngine(
            provider.GetRequiredService<IOptionsMonitor<InferenceEngineOptions>>().Get(name), provider.GetService<ILogger<InferenceEngine>>()));
        services.AddSingleton<IHostedService>(provider => new InferenceEngineStarter(() => provider.GetRequiredKeyedService<InferenceEngine>(name)));
        Validated(services.AddOptions<InferenceEngineOptions>(name)).Configure(options =>
        {
            Configure(options, modelPath, configure);
            options.Name ??= name;
        });
        return services;
    }

    private static void Configure(InferenceEngineOptions options, string modelPath, Action<InferenceEngineOptions>? configure)
    {
        options.ModelPath = modelPath;
        configure?.Invoke(options);
    }

    private static OptionsBuilder<InferenceEngineOptions> Validated(OptionsBuilder<InferenceEngineOptions> builder)
    {
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<InferenceEngineOptions>, InferenceEngineOptionsValidator>());
        return builder.ValidateOnStart();
    }
}
