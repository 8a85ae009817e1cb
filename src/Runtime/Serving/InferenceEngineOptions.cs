namespace OnnxKit.Runtime.Serving;

/// <summary>Configures an <see cref="InferenceEngine"/>.</summary>
public sealed class InferenceEngineOptions
{
    /// <summary>The model file. Either this or <see cref="ModelBytes"/> must be set.</summary>
    public string? ModelPath { get; set; }

    /// <summary>A serialized model, instead of a file.</summary>
    public byte[]? ModelBytes { get; set; }

    /// <summary>The name metrics are tagged with; defaults to the model's file name.</summary>
    public string? Name { get; set; }

    /// <summary>Provider and ONNX Runtime options of each pooled session.</summary>
    public SessionSettings Session { get; set; } = new();

    /// <summary>
    /// Sessions in the pool, i.e. runs that may execute at once. One ONNX Runtime session
    /// already runs concurrent calls; more sessions trade memory for less contention.
    /// </summary>
    public int PoolSize { get; set; } = 1;

    /// <summary>Requests that may wait for a session before new ones are refused with <see cref="QueueFullException"/>.</summary>
    public int QueueCapacity { get; set; } = 1024;

    /// <summary>Set to merge concurrent requests into batches; null runs each request on its own.</summary>
    public DynamicBatchingOptions? Batching { get; set; }
}
