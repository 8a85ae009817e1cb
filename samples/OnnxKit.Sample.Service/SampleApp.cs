using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using OnnxKit.Ir;
using OnnxKit.Runtime.Serving;
using OnnxKit.Runtime.Tensors;
using OpenTelemetry.Metrics;

namespace OnnxKit.Sample.Service;

/// <summary>
/// The service: <c>POST /predict</c> runs the model on tensors given as JSON and answers with
/// every output (and the top classes of score vectors); <c>GET /model</c> describes the model;
/// <c>GET /health</c> is ASP.NET Core's health check over the engine; <c>GET /metrics</c> is a
/// Prometheus scrape of the engine's meter, exported with OpenTelemetry. Settings (section
/// <c>OnnxKit</c>) are validated and the model is loaded when the service starts, so a bad
/// setting or an unservable model stops it there with the reason. Every refused request is
/// answered with RFC 7807 problem details saying what to fix; when the engine's queue is full
/// the answer is 503 with Retry-After.
/// </summary>
public static class SampleApp
{
    /// <summary>Builds the app from command-line arguments and configuration (section <c>OnnxKit</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddOptions<ServiceSettings>().BindConfiguration("OnnxKit").ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOnnxKitModel().Configure<IOptions<ServiceSettings>>((options, settings) =>
        {
            var s = settings.Value;
            options.ModelPath = s.ModelPath;
            options.QueueCapacity = s.QueueCapacity;
            options.PoolSize = s.PoolSize;
            options.MaxRowsPerRequest = s.MaxRowsPerRequest;
            if (s.MaxBatchSize > 1)
                options.Batching = new DynamicBatchingOptions { MaxBatchSize = s.MaxBatchSize, MaxWait = TimeSpan.FromMilliseconds(s.MaxWaitMilliseconds) };
        });
        builder.Services.AddHealthChecks().AddOnnxKitModel();
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(InferenceTelemetry.MeterName).AddPrometheusExporter());
        builder.Services.AddProblemDetails();

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHealthChecks("/health");
        app.MapPrometheusScrapingEndpoint();
        app.MapGet("/model", (InferenceEngine engine, IOptions<ServiceSettings> settings) => TypedResults.Ok(new ModelResponse(
            engine.Name, engine.Provider.ToString(), engine.IsBatching, settings.Value.MaxRowsPerRequest,
            engine.Inputs.Select(i => i.ToString()).ToArray(), engine.Outputs.Select(o => o.ToString()).ToArray())));
        app.MapPost("/predict", PredictAsync);
        return app;
    }

    private static async Task<IResult> PredictAsync(HttpContext context, InferenceEngine engine, IOptions<ServiceSettings> settings)
    {
        try
        {
            var request = await ReadAsync(context, settings.Value.MaxRequestBytes, engine);
            var inputs = new Dictionary<string, ITensor>();
            foreach (var (name, payload) in request)
            {
                var spec = engine.Inputs.FirstOrDefault(i => i.Name == name)
                    ?? throw new BadRequestException($"inputs.{name}: the model has no input named '{name}'; its inputs are {string.Join(", ", engine.Inputs)}.");
                inputs[name] = TensorJson.ToTensor(spec, payload);
            }
            var result = await engine.RunAsync(inputs, context.RequestAborted);
            var outputs = result.Outputs.ToDictionary(p => p.Key, p => new OutputPayload(p.Value.Dims.ToArray(), p.Value.DataType.OnnxName(), p.Value.ToDoubleArray()));
            var top = result.Outputs
                .Where(p => p.Value.DataType is DataType.Float or DataType.Double)
                .Select(p => (p.Key, TensorSummary.Of(p.Key, p.Value, 5).TopK))
                .Where(p => p.TopK is not null)
                .ToDictionary(p => p.Key, p => p.TopK!.Select(t => t.Index).ToArray());
            return TypedResults.Ok(new PredictResponse(engine.Name, outputs, top));
        }
        catch (BadRequestException e)
        {
            return Problem(e.StatusCode, e.Message);
        }
        catch (QueueFullException e)
        {
            context.Response.Headers.RetryAfter = "1";
            return Problem(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
        catch (OnnxKitException e)
        {
            return Problem(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    /// <summary>Reads the JSON body (at most <paramref name="limit"/> bytes) into its inputs, refusing what cannot be a predict request.</summary>
    private static async Task<Dictionary<string, TensorPayload>> ReadAsync(HttpContext context, long limit, InferenceEngine engine)
    {
        if (!context.Request.HasJsonContentType())
            throw new BadRequestException("Send the body as JSON with the header Content-Type: application/json.", StatusCodes.Status415UnsupportedMediaType);
        if (context.Request.ContentLength > limit)
            throw new BadRequestException($"The body is {context.Request.ContentLength} bytes; this service takes at most {limit}.", StatusCodes.Status413PayloadTooLarge);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size) size.MaxRequestBodySize = limit;
        PredictRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<PredictRequest>(context.Request.Body, JsonSerializerOptions.Web, context.RequestAborted);
        }
        catch (JsonException e)
        {
            throw new BadRequestException($"The body is not a valid predict request: {e.Message}");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw new BadRequestException($"The body is larger than the {limit} bytes this service takes.", StatusCodes.Status413PayloadTooLarge);
        }
        return request?.Inputs ?? throw new BadRequestException(
            "The body needs an \"inputs\" object mapping each model input to {\"shape\": [...], \"data\": [...]}; the model's inputs are " +
            $"{string.Join(", ", engine.Inputs)}.");
    }

    private static IResult Problem(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: ReasonPhrases.GetReasonPhrase(status));
}
