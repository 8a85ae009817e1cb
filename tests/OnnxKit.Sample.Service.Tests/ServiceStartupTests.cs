using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using OnnxKit.Sample.Service.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Sample.Service.Tests;

/// <summary>
/// What the service does at start-up and with models that are not image classifiers: bad
/// settings and unservable models stop it before any request; a stateful model (state and
/// sample rate, like Silero VAD) is served unbatched with its state passed back and forth;
/// integer and bool inputs work.
/// </summary>
public sealed class ServiceStartupTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_missing_model_stops_the_service_at_start_up_naming_the_setting()
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunningService.StartAsync(folder.File("nosuch.onnx")));
        Assert.Contains($"OnnxKit model: ModelPath '{folder.File("nosuch.onnx")}' does not exist", ValidationMessages(error));

        var invalid = await Assert.ThrowsAnyAsync<Exception>(() => RunningService.StartAsync(folder.File("nosuch.onnx"), "--OnnxKit:PoolSize=0"));
        Assert.Contains("The field PoolSize must be between 1 and 64.", ValidationMessages(invalid));
    }

    /// <summary>The failures of options validation at start-up (the host reports several at once as an AggregateException).</summary>
    private static string ValidationMessages(Exception e)
    {
        var failures = (e is AggregateException all ? all.InnerExceptions : [e]).OfType<OptionsValidationException>().SelectMany(v => v.Failures).ToArray();
        Assert.NotEmpty(failures);
        return string.Join("\n", failures);
    }

    [Fact]
    public async Task An_unbatchable_model_with_batching_on_stops_the_service_at_start_up()
    {
        OnnxFile.Save(ServiceModels.Stateful(), folder.File("stateful.onnx"));
        var error = await Assert.ThrowsAsync<OnnxKitException>(() => RunningService.StartAsync(folder.File("stateful.onnx"), "--OnnxKit:MaxBatchSize=8"));
        Assert.Contains("cannot be batched dynamically", error.Message);
        Assert.Contains("state: float[2,1,4] has a fixed first dim", error.Message);
    }

    [Fact]
    public async Task A_stateful_model_is_served_unbatched_and_its_state_carried_by_the_client()
    {
        OnnxFile.Save(ServiceModels.Stateful(), folder.File("stateful.onnx"));
        await using var service = await RunningService.StartAsync(folder.File("stateful.onnx"), "--OnnxKit:MaxBatchSize=1");
        float[] input = [1, 2, 3, 4];
        var state = new double[8];
        for (int step = 0; step < 2; step++)
        {
            using var response = await service.PredictAsync(new
            {
                input = new { shape = new[] { 1, 4 }, data = input },
                state = new { shape = new[] { 2, 1, 4 }, data = state },
                sr = new { shape = Array.Empty<int>(), data = new[] { 8000 } },
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
            // k = 8000 / 16000; output = (input + state[0] + state[1]) · k; stateN = state + k (computed here independently).
            double[] expected = input.Select((v, i) => (v + state[i] + state[4 + i]) * 0.5).ToArray();
            Assert.Equal(expected, answer.Outputs["output"].Data);
            Assert.Equal([2L, 1L, 4L], answer.Outputs["stateN"].Shape);
            Assert.Equal(state.Select(s => s + 0.5).ToArray(), answer.Outputs["stateN"].Data);
            state = answer.Outputs["stateN"].Data;
        }
    }

    [Fact]
    public async Task Integer_and_bool_inputs_are_read_as_the_models_types()
    {
        OnnxFile.Save(ServiceModels.IntegerAndBool(), folder.File("typed.onnx"));
        await using var service = await RunningService.StartAsync(folder.File("typed.onnx"));
        using var response = await service.PredictAsync(new
        {
            x = new { shape = new[] { 2, 3 }, data = new long[] { 1, 2, 3, 4, 5, 6 } },
            mask = new { shape = new[] { 2, 3 }, data = new[] { true, false, true, false, true, true } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<PredictResponse>())!;
        Assert.Equal([1.0, 0, 3, 0, 5, 6], answer.Outputs["y"].Data);

        using var wrong = await service.PredictAsync(new
        {
            x = new { shape = new[] { 1, 3 }, data = new[] { 1.5, 2, 3 } },
            mask = new { shape = new[] { 1, 3 }, data = new[] { 1, 0, 1 } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("inputs.x.data[0] = 1.5 does not fit the input's element type", await RunningService.ProblemDetailAsync(wrong));
    }
}
