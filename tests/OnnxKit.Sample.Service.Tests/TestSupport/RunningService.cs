using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace OnnxKit.Sample.Service.Tests.TestSupport;

/// <summary>The sample service started on a loopback port, with a client for it.</summary>
public sealed class RunningService : IAsyncDisposable
{
    private RunningService(WebApplication app, HttpClient client)
    {
        App = app;
        Client = client;
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the service on <paramref name="modelPath"/> with extra <c>--OnnxKit:...</c> settings.</summary>
    public static async Task<RunningService> StartAsync(string modelPath, params string[] settings)
    {
        var app = SampleApp.Build([
            "--urls=http://127.0.0.1:0", $"--OnnxKit:ModelPath={modelPath}", "--Logging:LogLevel:Default=Warning", .. settings,
        ]);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address);
        return new RunningService(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) });
    }

    /// <summary>POSTs <c>{"inputs": inputs}</c> to /predict.</summary>
    public Task<HttpResponseMessage> PredictAsync(object inputs) => Client.PostAsJsonAsync("/predict", new { inputs });

    /// <summary>The <c>detail</c> of an RFC 7807 answer, after checking its content type.</summary>
    public static async Task<string> ProblemDetailAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)response.StatusCode, json.RootElement.GetProperty("status").GetInt32());
        return json.RootElement.GetProperty("detail").GetString()!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
    }
}
