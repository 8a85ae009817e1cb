using Microsoft.AspNetCore.Http.HttpResults;
using OnnxKit.Ir;
using OnnxKit.Runtime.Serving;

namespace OnnxKit.Sample.Service;

/// <summary>
/// The service: <c>GET /health</c> describes the model; <c>POST /predict</c> runs it on float
/// tensors given as JSON and answers with every output (and the top classes of score
/// vectors). Concurrent requests are merged into batches by the engine; when its queue is
/// full the service answers 503 with Retry-After instead of queueing without bound.
/// </summary>
public static class SampleApp
{
    /// <summary>Builds the app from command-line arguments and configuration (section <c>OnnxKit</c>).</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var settings = builder.Configuration.GetSection("OnnxKit").Get<ServiceSettings>() ?? new ServiceSettings();
        if (string.IsNullOrEmpty(settings.ModelPath))
            throw new InvalidOperationException("Set OnnxKit:ModelPath (e.g. --OnnxKit:ModelPath=model.onnx) to the model to serve.");
        builder.Services.AddOnnxKitModel(settings.ModelPath, options =>
        {
            options.QueueCapacity = settings.QueueCapacity;
            options.PoolSize = settings.PoolSize;
            if (settings.MaxBatchSize > 1)
                options.Batching = new DynamicBatchingOptions { MaxBatchSize = settings.MaxBatchSize, MaxWait = TimeSpan.FromMilliseconds(settings.MaxWaitMilliseconds) };
        });

        var app = builder.Build();
        app.MapGet("/health", (InferenceEngine engine) => TypedResults.Ok(new HealthResponse(
            engine.Name, engine.Provider.ToString(), engine.IsBatching,
            engine.Inputs.Select(i => i.ToString()).ToArray(), engine.Outputs.Select(o => o.ToString()).ToArray())));
        app.MapPost("/predict", PredictAsync);
        return app;
    }

    private static async Task<Results<Ok<PredictResponse>, BadRequest<ErrorResponse>, StatusCodeHttpResult>> PredictAsync(
        PredictRequest request, InferenceEngine engine, HttpContext context)
    {
        Dictionary<string, ITensor> inputs;
        try
        {
            inputs = request.Inputs.ToDictionary(p => p.Key, p => (ITensor)DenseTensor.FromFloats(p.Value.Data, p.Value.Shape, p.Key));
        }
        catch (Exception e) when (e is ArgumentException or OnnxKitException)
        {
            return TypedResults.BadRequest(new ErrorResponse(e.Message));
        }
        try
        {
            var result = await engine.RunAsync(inputs, context.RequestAborted);
            var outputs = result.Outputs.ToDictionary(p => p.Key, p => new TensorPayload(p.Value.Dims.ToArray(), p.Value.ToDoubleArray().Select(v => (float)v).ToArray()));
            var top = result.Outputs.ToDictionary(p => p.Key, p => Runtime.Tensors.TensorSummary.Of(p.Key, p.Value, 5).TopK?.Select(t => t.Index).ToArray());
            return TypedResults.Ok(new PredictResponse(engine.Name, outputs, top.Where(t => t.Value is not null).ToDictionary(t => t.Key, t => t.Value!)));
        }
        catch (QueueFullException)
        {
            context.Response.Headers.RetryAfter = "1";
            return TypedResults.StatusCode(StatusCodes.Status503ServiceUnavailable);
        }
        catch (OnnxKitException e)
        {
            return TypedResults.BadRequest(new ErrorResponse(e.Message));
        }
    }
}
