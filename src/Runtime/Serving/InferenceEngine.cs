using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// A thread-safe inference engine for services: a pool of sessions over one model, a bounded
/// queue that refuses work when full (<see cref="QueueFullException"/>), optional dynamic
/// batching that merges concurrent requests into one run, a per-request row limit,
/// cancellation, metrics and an activity per request (<see cref="InferenceTelemetry"/>), and
/// logging. Register it in ASP.NET Core with <c>services.AddOnnxKitModel(path, options => ...)</c>,
/// which creates it when the host starts.
/// </summary>
public sealed partial class InferenceEngine : IDisposable, IAsyncDisposable
{
    private readonly SessionPool pool;
    private readonly DynamicBatcher? batcher;
    private readonly InferenceMetrics metrics;
    private readonly ILogger logger;
    private readonly int capacity;
    private readonly int maxRows;
    private int waiting;
    private int disposed;

    /// <summary>Creates the engine and its sessions (this loads the model <see cref="InferenceEngineOptions.PoolSize"/> times).</summary>
    /// <param name="options">The model and how to serve it; see <see cref="InferenceEngineOptions.Validate"/>.</param>
    /// <param name="logger">Where the engine logs its start, refusals and failed runs; none when null.</param>
    /// <exception cref="OnnxKitException">The options are invalid, the model cannot be loaded, or it cannot be batched as asked.</exception>
    public InferenceEngine(InferenceEngineOptions options, ILogger<InferenceEngine>? logger = null)
    {
        if (options.Validate() is { Count: > 0 } problems) throw new OnnxKitException(string.Join(" ", problems));
        this.logger = logger ?? (ILogger)NullLogger.Instance;
        Name = options.Name ?? (options.ModelPath is { } path ? Path.GetFileName(path) : "model");
        capacity = options.QueueCapacity;
        maxRows = options.MaxRowsPerRequest;
        var session = options.Session with { Logger = options.Session.Logger ?? this.logger };
        pool = new SessionPool(() => options.ModelPath is { } p
            ? OnnxSession.Open(p, session)
            : OnnxSession.FromBytes(options.ModelBytes!, session, Name), options.PoolSize);
        metrics = new InferenceMetrics(Name);
        if (options.Batching is { } batching)
        {
            if (BatchAssembler.Unbatchable(Inputs, Outputs) is { } reason)
            {
                pool.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new OnnxKitException($"Model '{Name}' cannot be batched dynamically: {reason}. Export it with a symbolic batch dim, or turn batching off.");
            }
            batcher = new DynamicBatcher(pool, batching, capacity, metrics, Name, this.logger);
        }
        LogStarted(Name, Provider, options.PoolSize, batcher is not null, capacity, string.Join(", ", Inputs));
    }

    /// <summary>The name metrics are tagged with.</summary>
    public string Name { get; }

    /// <summary>The model's inputs.</summary>
    public IReadOnlyList<TensorSpec> Inputs => pool.First.Inputs;

    /// <summary>The model's outputs.</summary>
    public IReadOnlyList<TensorSpec> Outputs => pool.First.Outputs;

    /// <summary>The provider the sessions run on.</summary>
    public ExecutionProviderKind Provider => pool.First.Provider;

    /// <summary>True when concurrent requests are merged into batches.</summary>
    public bool IsBatching => batcher is not null;

    /// <summary>Requests waiting for a run now.</summary>
    public int Waiting => batcher?.Waiting ?? Volatile.Read(ref waiting);

    /// <summary>Requests that may wait before new ones are refused (<see cref="InferenceEngineOptions.QueueCapacity"/>).</summary>
    public int QueueCapacity => capacity;

    /// <summary>
    /// Runs the model on <paramref name="inputs"/>. With batching, the request may share a run
    /// with others and gets back its own rows; without, it runs on the thread pool once a
    /// pooled session is free. Either way the caller's thread is never blocked, and at most
    /// <see cref="InferenceEngineOptions.QueueCapacity"/> requests wait. Cancelling before the
    /// run starts drops the request.
    /// </summary>
    /// <exception cref="QueueFullException">Too many requests are waiting.</exception>
    /// <exception cref="OnnxKitException">The inputs do not fit the model (named in the message), or the run failed.</exception>
    public async Task<InferenceResult> RunAsync(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        long start = Stopwatch.GetTimestamp();
        using var activity = InferenceTelemetry.Source.StartActivity("onnxkit.inference");
        activity?.SetTag("onnxkit.model", Name);
        try
        {
            InputValidation.Check(Name, Inputs, inputs);
            RequestRows.Check(Name, Inputs, inputs, maxRows);
            cancellationToken.ThrowIfCancellationRequested();
            var outputs = batcher is not null
                ? await batcher.Enqueue(inputs, BatchAssembler.Rows(inputs, Name), cancellationToken).ConfigureAwait(false)
                : await RunUnbatchedAsync(inputs, cancellationToken).ConfigureAwait(false);
            metrics.Completed(start);
            return new InferenceResult(outputs);
        }
        catch (QueueFullException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogQueueFull(Name, capacity);
            throw;
        }
        catch (OnnxKitException e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogRefused(Name, e.Message);
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            LogFailed(e, Name);
            throw;
        }
    }

    private async Task<IReadOnlyDictionary<string, ITensor>> RunUnbatchedAsync(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref waiting) > capacity)
        {
            Interlocked.Decrement(ref waiting);
            metrics.Refused();
            throw new QueueFullException(Name, capacity);
        }
        metrics.Enqueued();
        SessionPool.Lease lease;
        try
        {
            lease = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref waiting);
            metrics.Dequeued();
        }
        using (lease)
        {
            metrics.Batch(1);
            var session = lease.Session;
            return await Task.Run(() => session.Run(inputs, cancellationToken), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Runs a single-input model on <paramref name="values"/> of shape <paramref name="dims"/>.</summary>
    public Task<InferenceResult> RunAsync<T>(T[] values, long[] dims, CancellationToken cancellationToken = default) where T : unmanaged
    {
        if (Inputs.Count != 1)
            throw new OnnxKitException($"Model '{Name}' has {Inputs.Count} inputs ({string.Join(", ", Inputs)}); pass them by name.");
        string name = Inputs[0].Name;
        return RunAsync(new Dictionary<string, ITensor> { [name] = ElementTypes.Tensor(values, dims, name) }, cancellationToken);
    }

    /// <summary>Stops taking requests, finishes queued ones, and releases the sessions.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0) return;
        if (batcher is not null) await batcher.DisposeAsync().ConfigureAwait(false);
        await pool.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving model {Model} on {Provider}: {PoolSize} session(s), batching {Batching}, queue capacity {Capacity}; inputs {Inputs}")]
    private partial void LogStarted(string model, ExecutionProviderKind provider, int poolSize, bool batching, int capacity, string inputs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Model {Model}: queue full ({Capacity} requests waiting); request refused")]
    private partial void LogQueueFull(string model, int capacity);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model {Model}: request failed: {Reason}")]
    private partial void LogRefused(string model, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: run failed")]
    private partial void LogFailed(Exception exception, string model);
}
