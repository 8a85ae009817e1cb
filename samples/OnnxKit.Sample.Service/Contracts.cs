using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace OnnxKit.Sample.Service;

/// <summary>
/// A tensor in JSON: its shape and its elements in row-major order. Elements are numbers for
/// float, double and integer inputs and <c>true</c>/<c>false</c> for bool inputs; a scalar has
/// shape <c>[]</c> and one element.
/// </summary>
public sealed record TensorPayload(long[]? Shape, JsonElement Data);

/// <summary>The body of <c>POST /predict</c>: one tensor per model input.</summary>
public sealed record PredictRequest(Dictionary<string, TensorPayload>? Inputs);

/// <summary>An output tensor: its shape, ONNX element type and elements (as numbers; bool outputs as 0 and 1).</summary>
public sealed record OutputPayload(long[] Shape, string Type, double[] Data);

/// <summary>Every output of the model, and the top-5 class indices of score-vector outputs.</summary>
public sealed record PredictResponse(string Model, Dictionary<string, OutputPayload> Outputs, Dictionary<string, long[]> TopClasses);

/// <summary>What <c>GET /model</c> reports.</summary>
public sealed record ModelResponse(string Model, string Provider, bool Batching, int MaxRowsPerRequest, string[] Inputs, string[] Outputs);

/// <summary>Configuration section <c>OnnxKit</c>, validated when the service starts.</summary>
public sealed class ServiceSettings
{
    /// <summary>The model to serve.</summary>
    [Required(ErrorMessage = "Set OnnxKit:ModelPath (e.g. --OnnxKit:ModelPath=model.onnx) to the model to serve.")]
    public string? ModelPath { get; set; }

    /// <summary>Merge up to this many concurrent rows into one run; 1 turns batching off (needed for models whose first dim is fixed, such as Silero VAD's state).</summary>
    [Range(1, 4096)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>How long a request waits for others to join its batch.</summary>
    [Range(0, 1000)]
    public double MaxWaitMilliseconds { get; set; } = 2;

    /// <summary>Requests that may wait before new ones get 503.</summary>
    [Range(1, 100_000)]
    public int QueueCapacity { get; set; } = 256;

    /// <summary>Sessions running at once.</summary>
    [Range(1, 64)]
    public int PoolSize { get; set; } = 1;

    /// <summary>The most rows one request may carry (its first dim); larger requests get 400.</summary>
    [Range(1, 4096)]
    public int MaxRowsPerRequest { get; set; } = 32;

    /// <summary>The largest request body accepted; larger ones get 413.</summary>
    [Range(1024, 1L << 30)]
    public long MaxRequestBytes { get; set; } = 4 << 20;
}
