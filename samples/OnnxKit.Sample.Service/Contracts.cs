namespace OnnxKit.Sample.Service;

/// <summary>A float tensor in JSON: its shape and its elements in row-major order.</summary>
public sealed record TensorPayload(long[] Shape, float[] Data);

/// <summary>The body of <c>POST /predict</c>: one tensor per model input.</summary>
public sealed record PredictRequest(Dictionary<string, TensorPayload> Inputs);

/// <summary>Every output of the model, and the top-5 class indices of score-vector outputs.</summary>
public sealed record PredictResponse(string Model, Dictionary<string, TensorPayload> Outputs, Dictionary<string, long[]> TopClasses);

/// <summary>What <c>GET /health</c> reports.</summary>
public sealed record HealthResponse(string Model, string Provider, bool Batching, string[] Inputs, string[] Outputs);

/// <summary>A request the model could not take.</summary>
public sealed record ErrorResponse(string Error);

/// <summary>Configuration section <c>OnnxKit</c>.</summary>
public sealed class ServiceSettings
{
    /// <summary>The model to serve.</summary>
    public string? ModelPath { get; set; }

    /// <summary>Merge up to this many concurrent rows into one run; 1 turns batching off.</summary>
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long a request waits for others to join its batch.</summary>
    public double MaxWaitMilliseconds { get; set; } = 2;

    /// <summary>Requests that may wait before new ones get 503.</summary>
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Sessions running at once.</summary>
    public int PoolSize { get; set; } = 1;
}
