using System.Net;
using System.Net.Http.Json;
using System.Text;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Sample.Service.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Sample.Service.Tests;

/// <summary>
/// Starts the sample service on a loopback port with the small CNN and calls it over HTTP:
/// answers are checked against the model run directly, every kind of bad request gets RFC 7807
/// problem details that say what to fix, and health and metrics endpoints answer.
/// </summary>
public sealed class SampleServiceTests : IAsyncLifetime
{
    private readonly TempFolder folder = new();
    private RunningService? service;

    private RunningService Service => service!;

    public async Task InitializeAsync()
    {
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), folder.File("cnn.onnx"));
        service = await RunningService.StartAsync(folder.File("cnn.onnx"),
            "--OnnxKit:MaxBatchSize=16", "--OnnxKit:MaxWaitMilliseconds=5", "--OnnxKit:MaxRowsPerRequest=8", "--OnnxKit:MaxRequestBytes=1048576");
    }

    public async Task DisposeAsync()
    {
        if (service is not null) await service.DisposeAsync();
        folder.Dispose();
    }

    internal static float[] Image(int seed, int rows = 1) => Enumerable.Range(0, 768 * rows).Select(i => (float)Math.Cos(i * 0.05 + seed)).ToArray();

    [Fact]
    public async Task Model_endpoint_describes_the_model_and_health_and_metrics_answer()
    {
        var model = await Service.Client.GetFromJsonAsync<ModelResponse>("/model");
        Assert.Equal("cnn.onnx", model!.Model);
        Assert.True(model.Batching);
        Assert.Equal(8, model.MaxRowsPerRequest);
        Assert.Equal(["x: float[N,3,16,16]"], model.Inputs);

        using var health = await Service.Client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());

        using var run = await Service.PredictAsync(new { x = new { shape = new[] { 1, 3, 16, 16 }, data = Image(0) } });
        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        string metrics = await Service.Client.GetStringAsync("/metrics");
        Assert.Contains("onnxkit_inference_duration_milliseconds_bucket", metrics);
        Assert.Contains("model=\"cnn.onnx\"", metrics);
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
                using var response = await Service.PredictAsync(new { x = new { shape = new[] { 1, 3, 16, 16 }, data = Image(seed) } });
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
            Assert.Equal("float", probs.Type);
            for (int k = 0; k < 10; k++) Assert.Equal(expected[k], (float)probs.Data[k], 6); // batched kernels may round the last bits differently
            Assert.Equal(Array.IndexOf(expected, expected.Max()), answer.TopClasses["probs"][0]);
        }
    }

    public static TheoryData<string, string?, int, string> BadRequests => new()
    {
        { "{}", "application/json", 400, "needs an \"inputs\" object" },
        { "{\"inputs\": {\"x\": {\"shape\": [1,3,16,16], \"data\": [1,2,3,4,5]}}}", "application/json", 400, "shape [1,3,16,16] needs 768 elements; data has 5" },
        { "{\"inputs\": {\"x\": {\"shape\": [1,3,16", "application/json", 400, "not a valid predict request" },
        { "{\"inputs\": {\"x\": {\"shape\": [1,1,1,1], \"data\": [\"a\"]}}}", "application/json", 400, "inputs.x.data[0] is the string \"a\"; expected a number" },
        { "{\"inputs\": {\"x\": {\"shape\": [1,3,16,16], \"data\": [1]}}}", null, 415, "Content-Type: application/json" },
        { "{\"inputs\": {\"x\": {\"shape\": [0,3,16,16], \"data\": []}}}", "application/json", 400, "got a batch of 0" },
        { "{\"inputs\": {\"y\": {\"shape\": [1], \"data\": [1]}}}", "application/json", 400, "the model has no input named 'y'; its inputs are x: float[N,3,16,16]" },
        { "{\"inputs\": {\"x\": {\"shape\": [1,4,16,16], \"data\": [" + string.Join(",", new int[1024]) + "]}}}", "application/json", 400, "expected shape [N,3,16,16], got [1,4,16,16]" },
        { "{\"inputs\": {\"x\": {\"data\": [1]}}}", "application/json", 400, "inputs.x.shape is missing" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task A_bad_request_gets_problem_details_saying_what_to_fix(string body, string? contentType, int status, string detail)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = contentType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await Service.Client.PostAsync("/predict", content);
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(detail, await RunningService.ProblemDetailAsync(response));
    }

    [Fact]
    public async Task A_request_over_the_row_cap_or_the_body_limit_is_refused()
    {
        using var rows = await Service.PredictAsync(new { x = new { shape = new[] { 9, 3, 16, 16 }, data = Image(0, 9) } });
        Assert.Equal(HttpStatusCode.BadRequest, rows.StatusCode);
        Assert.Contains("at most 8 rows; got 9", await RunningService.ProblemDetailAsync(rows));

        using var huge = new ByteArrayContent(new byte[2 << 20]);
        huge.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var tooLarge = await Service.Client.PostAsync("/predict", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Contains("at most 1048576", await RunningService.ProblemDetailAsync(tooLarge));
    }
}
