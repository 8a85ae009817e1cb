namespace OnnxKit.Runtime.Serving;

/// <summary>
/// Configures an <see cref="InferenceEngine"/>. Registered through
/// <c>services.AddOnnxKitModel(...)</c>, these are ordinary <c>IOptions</c>: checked by
/// <see cref="Validate"/> when the host starts, so a bad setting stops the service at start-up.
/// </summary>
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

    /// <summary>
    /// The most rows (first dim of the inputs whose first dim is symbolic) one request may carry;
    /// a larger request is refused before it is queued, so one caller cannot take the memory of many.
    /// </summary>
    public int MaxRowsPerRequest { get; set; } = 64;

    /// <summary>Set to merge concurrent requests into batches; null runs each request on its own.</summary>
    public DynamicBatchingOptions? Batching { get; set; }

    /// <summary>Every problem with these options, each naming the setting; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ModelPath is null == ModelBytes is null) problems.Add("Set exactly one of ModelPath and ModelBytes.");
        else if (ModelPath is { } path && !File.Exists(path)) problems.Add($"ModelPath '{path}' does not exist.");
        if (PoolSize < 1) problems.Add($"PoolSize must be at least 1 (is {PoolSize}).");
        if (QueueCapacity < 1) problems.Add($"QueueCapacity must be at least 1 (is {QueueCapacity}).");
        if (MaxRowsPerRequest < 1) problems.Add($"MaxRowsPerRequest must be at least 1 (is {MaxRowsPerRequest}).");
        if (Batching is { MaxBatchSize: < 1 } b) problems.Add($"Batching.MaxBatchSize must be at least 1 (is {b.MaxBatchSize}).");
        if (Batching is { } w && w.MaxWait < TimeSpan.Zero) problems.Add($"Batching.MaxWait cannot be negative (is {w.MaxWait}).");
        return problems;
    }
}
