using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Sample.Service.Tests;

/// <summary>
/// Starts the sample service on a loopback port with the small CNN and calls it over HTTP,
/// concurrently; every answer is checked against the model run directly.
/// </summary>
public sealed class SampleServiceTests : IAsyncLifetime
{
    private readonly TempFolder folder = new();
    private WebApplication? app;
    private HttpClient? client;

    public async Task InitializeAsync()
    {
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), folder.File("cnn.onnx"));
        app = SampleApp.Build([
            "--urls=http://127.0.0.1:0", $"--OnnxKit:ModelPath={folder.File("cnn.onnx")}",
            "--OnnxKit:MaxBatchSize=16", "--OnnxKit:MaxWaitMilliseconds=5", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Assert.StartsWith("http://127.0.0.1:", address);
        client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null) await app.DisposeAsync();
        folder.Dispose();
    }

    private static float[] Image(int seed) => Enumerable.Range(0, 768).Select(i => (float)Math.Cos(i * 0.05 + seed)).ToArray();

    [Fact]
    public async Task Health_describes_the_model()
    {
        var health = await client!.GetFromJsonAsync<HealthResponse>("/health");
        Assert.Equal("cnn.onnx", health!.Model);
        Assert.True(health.Batching);
        Assert.Equal(["x: float[N,3,16,16]"], health.Inputs);
    }

    [Fact]
    public async Task Answers_concurrent_requests_with_the_models_outputs()
    {
        const int requests = 96, concurrency = 24;
        using var session = OnnxSession.Open(folder.File("cnn.onnx"));
        using var gate = new SemaphoreSlim(concurrency);
        var calls = Enumerable.Range(0, requests).Select(async seed =>
        {
            await gate.WaitAsync();
            try
            {
                var body = new PredictRequest(new() { ["x"] = new TensorPayload([1, 3, 16, 16], Image(seed)) });
                using var response = await client!.PostAsJsonAsync("/predict", body);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                return (seed, (await response.Content.ReadFromJsonAsync<PredictResponse>())!);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();
        foreach (var (seed, answer) in await Task.WhenAll(calls))
        {
            float[] expected = session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(Image(seed), [1, 3, 16, 16]) })["probs"].ToArray<float>();
            var probs = answer.Outputs["probs"];
            Assert.Equal([1L, 10L], probs.Shape);
            for (int k = 0; k < 10; k++) Assert.Equal(expected[k], probs.Data[k], 6); // batched kernels may round the last bits differently
            long best = Array.IndexOf(expected, expected.Max());
            Assert.Equal(best, answer.TopClasses["probs"][0]);
        }
    }

    [Fact]
    public async Task A_malformed_request_gets_400_with_the_reason()
    {
        var body = new PredictRequest(new() { ["x"] = new TensorPayload([1, 4, 16, 16], new float[1024]) });
        using var response = await client!.PostAsJsonAsync("/predict", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.Contains("expected shape [N,3,16,16], got [1,4,16,16]", error!.Error);

        var mismatch = new PredictRequest(new() { ["x"] = new TensorPayload([1, 3, 16, 16], new float[5]) });
        using var second = await client!.PostAsJsonAsync("/predict", mismatch);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
    }
}
