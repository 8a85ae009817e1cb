using System.Diagnostics;
using OnnxKit.Execution;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// A thread-safe inference engine for services: a pool of sessions over one model, a bounded
/// queue that refuses work when full (<see cref="QueueFullException"/>), optional dynamic
/// batching that merges concurrent requests into one run, cancellation, and metrics on the
/// <c>OnnxKit.Runtime</c> meter. Register it in ASP.NET Core with
/// <c>services.AddOnnxKitModel(path, options => ...)</c>.
/// </summary>
public sealed class InferenceEngine : IDisposable, IAsyncDisposable
{
    private readonly SessionPool pool;
    private readonly DynamicBatcher? batcher;
    private readonly InferenceMetrics metrics;
    private readonly int capacity;
    private int waiting;
    private int disposed;

    /// <summary>Creates the engine and its sessions (this loads the model <see cref="InferenceEngineOptions.PoolSize"/> times).</summary>
    public InferenceEngine(InferenceEngineOptions options)
    {
        if (options.ModelPath is null == options.ModelBytes is null)
            throw new OnnxKitException("Set exactly one of ModelPath and ModelBytes.");
        if (options.QueueCapacity < 1) throw new OnnxKitException("QueueCapacity must be at least 1.");
        Name = options.Name ?? (options.ModelPath is { } path ? Path.GetFileName(path) : "model");
        capacity = options.QueueCapacity;
        pool = new SessionPool(() => options.ModelPath is { } p
            ? OnnxSession.Open(p, options.Session)
            : OnnxSession.FromBytes(options.ModelBytes!, options.Session, Name), options.PoolSize);
        metrics = new InferenceMetrics(Name);
        if (options.Batching is { } batching)
        {
            if (BatchAssembler.Unbatchable(Inputs, Outputs) is { } reason)
            {
                pool.DisposeAsync().AsTask().GetAwaiter().GetResult();
                throw new OnnxKitException($"Model '{Name}' cannot be batched dynamically: {reason}. Export it with a symbolic batch dim, or turn batching off.");
            }
            batcher = new DynamicBatcher(pool, batching, capacity, metrics, Name);
        }
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

    /// <summary>
    /// Runs the model on <paramref name="inputs"/>. With batching, the request may share a run
    /// with others and gets back its own rows. Cancelling before the run starts drops the request.
    /// </summary>
    /// <exception cref="QueueFullException">Too many requests are waiting.</exception>
    public async Task<InferenceResult> RunAsync(IReadOnlyDictionary<string, ITensor> inputs, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        long start = Stopwatch.GetTimestamp();
        InputValidation.Check(Name, Inputs, inputs);
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyDictionary<string, ITensor> outputs;
        if (batcher is not null)
        {
            outputs = await batcher.Enqueue(inputs, BatchAssembler.Rows(inputs, Name), cancellationToken).ConfigureAwait(false);
        }
        else
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
                outputs = lease.Session.Run(inputs, cancellationToken);
            }
        }
        metrics.Completed(start);
        return new InferenceResult(outputs);
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
}
