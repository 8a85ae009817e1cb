using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using OnnxKit.Ir;
using OnnxKit.Runtime;
using OnnxKit.Runtime.Tests.TestSupport;
using OnnxKit.Sample.Service.Tests.TestSupport;
using OnnxKit.Serialization;
using OnnxKit.Tests.TestSupport;
using Xunit.Abstractions;

namespace OnnxKit.Sample.Service.Tests;

/// <summary>
/// A bounded loopback load test of the sample service: 64 concurrent clients, each sending a
/// fixed number of requests, one in six of them malformed. Every good request must get the
/// model's own output (checked against a direct run) and every bad one a 400; the process's
/// resident memory after the measured phase must stay within a bound of what it was after the
/// warm-up. Latency percentiles and memory figures go to the test output.
/// </summary>
public sealed class ServiceLoadTests(ITestOutputHelper output) : IDisposable
{
    private const int Clients = 64, WarmupPerClient = 4, MeasuredPerClient = 24, BadEvery = 6, Seeds = 8;
    private const long RssGrowthBoundBytes = 64L << 20;
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Sixty_four_clients_get_correct_answers_bad_requests_do_not_disturb_and_memory_stays_flat()
    {
        OnnxFile.Save(RuntimeTestModels.SmallCnn(), folder.File("cnn.onnx"));
        var expected = ExpectedOutputs(folder.File("cnn.onnx"));
        await using var service = await RunningService.StartAsync(folder.File("cnn.onnx"),
            "--OnnxKit:MaxBatchSize=32", "--OnnxKit:MaxWaitMilliseconds=2", "--OnnxKit:QueueCapacity=512");

        var warmup = await RunPhaseAsync(service, expected, WarmupPerClient);
        long rssAfterWarmup = Rss();
        var clock = Stopwatch.StartNew();
        var measured = await RunPhaseAsync(service, expected, MeasuredPerClient);
        double seconds = clock.Elapsed.TotalSeconds;
        long rssAfter = Rss();

        var latencies = measured.GoodLatenciesMs.Order().ToArray();
        double P(double q) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        output.WriteLine($"{Clients} clients, {measured.Good} good + {measured.Bad} bad requests in {seconds:F2} s ({(measured.Good + measured.Bad) / seconds:F0} requests/s)");
        output.WriteLine($"good-request latency ms: p50 {P(0.50):F1}, p90 {P(0.90):F1}, p99 {P(0.99):F1}, max {latencies[^1]:F1}");
        output.WriteLine($"RSS after warm-up {rssAfterWarmup / 1048576.0:F0} MiB, after the measured phase {rssAfter / 1048576.0:F0} MiB ({(rssAfter - rssAfterWarmup) / 1048576.0:+0;-0} MiB)");

        Assert.Equal(0, warmup.Errors.Count + measured.Errors.Count);
        Assert.Equal(Clients * MeasuredPerClient, measured.Good + measured.Bad);
        Assert.Equal(Clients * (MeasuredPerClient / BadEvery), measured.Bad);
        Assert.True(rssAfter - rssAfterWarmup < RssGrowthBoundBytes,
            $"RSS grew by {(rssAfter - rssAfterWarmup) / 1048576.0:F0} MiB after warm-up (bound {RssGrowthBoundBytes / 1048576} MiB).");
    }

    private sealed record Phase(int Good, int Bad, List<double> GoodLatenciesMs, List<string> Errors);

    private static async Task<Phase> RunPhaseAsync(RunningService service, float[][] expected, int perClient)
    {
        var latencies = new List<double>();
        var errors = new List<string>();
        int good = 0, bad = 0;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async client =>
        {
            for (int i = 0; i < perClient; i++)
            {
                int seed = (client + i) % Seeds;
                bool malformed = (i + 1) % BadEvery == 0;
                long start = Stopwatch.GetTimestamp();
                using var response = await service.PredictAsync(new
                {
                    x = new { shape = new[] { 1, 3, 16, 16 }, data = malformed ? new float[5] : SampleServiceTests.Image(seed) },
                });
                double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                string? error = malformed ? CheckBad(response) : await CheckGood(response, expected[seed]);
                lock (errors)
                {
                    if (error is not null) errors.Add($"client {client} request {i}: {error}");
                    else if (malformed) bad++;
                    else
                    {
                        good++;
                        latencies.Add(ms);
                    }
                }
            }
        }));
        return new Phase(good, bad, latencies, errors);
    }

    private static string? CheckBad(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.BadRequest ? null : $"malformed request got {(int)response.StatusCode}";

    private static async Task<string?> CheckGood(HttpResponseMessage response, float[] expected)
    {
        if (response.StatusCode != HttpStatusCode.OK) return $"got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
        var probs = (await response.Content.ReadFromJsonAsync<PredictResponse>())!.Outputs["probs"].Data;
        for (int k = 0; k < expected.Length; k++)
        {
            if (Math.Abs(probs[k] - expected[k]) > 1e-6) return $"probs[{k}] = {probs[k]}, expected {expected[k]}"; // batched kernels may round the last bits differently
        }
        return null;
    }

    private static float[][] ExpectedOutputs(string model)
    {
        using var session = OnnxSession.Open(model);
        return Enumerable.Range(0, Seeds)
            .Select(seed => session.Run(new Dictionary<string, ITensor> { ["x"] = DenseTensor.FromFloats(SampleServiceTests.Image(seed), [1, 3, 16, 16]) })["probs"].ToArray<float>())
            .ToArray();
    }

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }
}
