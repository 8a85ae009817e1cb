using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OnnxKit.Ir;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// The queue and loop behind dynamic batching. Requests go into a channel; once
/// <c>capacity</c> requests wait for a run (queued or being gathered), new ones are
/// refused at once. One loop takes the first waiting request, gathers more for up to
/// <see cref="DynamicBatchingOptions.MaxWait"/> or until <see cref="DynamicBatchingOptions.MaxBatchSize"/>
/// rows, and hands the batch to a pooled session on the thread pool. It gathers only while
/// a session is free, so requests that arrive during runs join the next batch at once.
/// </summary>
internal sealed partial class DynamicBatcher : IAsyncDisposable
{
    private readonly Channel<Pending> queue;
    private readonly SessionPool pool;
    private readonly DynamicBatchingOptions options;
    private readonly InferenceMetrics metrics;
    private readonly string model;
    private readonly ILogger logger;
    private readonly int capacity;
    private readonly Task loop;
    private Pending? carried;
    private int waiting;

    public DynamicBatcher(SessionPool pool, DynamicBatchingOptions options, int capacity, InferenceMetrics metrics, string model, ILogger logger)
    {
        if (options.MaxBatchSize < 1) throw new OnnxKitException("MaxBatchSize must be at least 1.");
        if (options.MaxWait < TimeSpan.Zero) throw new OnnxKitException("MaxWait cannot be negative.");
        this.pool = pool;
        this.options = options;
        this.metrics = metrics;
        this.model = model;
        this.logger = logger;
        this.capacity = capacity;
        queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
        loop = Task.Run(LoopAsync);
    }

    /// <summary>Requests queued or being gathered now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>Queues a request; fails at once with <see cref="QueueFullException"/> when the queue is full.</summary>
    public Task<IReadOnlyDictionary<string, ITensor>> Enqueue(IReadOnlyDictionary<string, ITensor> inputs, long rows, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref waiting) > capacity)
        {
            Interlocked.Decrement(ref waiting);
            metrics.Refused();
            throw new QueueFullException(model, capacity);
        }
        var pending = new Pending(inputs, rows, cancellationToken);
        if (!queue.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref waiting);
            throw new ObjectDisposedException(nameof(InferenceEngine), $"The inference engine of '{model}' is shutting down.");
        }
        metrics.Enqueued();
        return pending.Completion.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop.ConfigureAwait(false);
    }

    private async Task LoopAsync()
    {
        var batch = new List<Pending>();
        var wait = new CancellationTokenSource();
        while (carried is not null || await queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // Gather only once a session is free: while all are busy, requests pile up in the
            // queue and join the next batch at once, and MaxWait is never spent idling a session.
            var lease = await pool.RentAsync(CancellationToken.None).ConfigureAwait(false);
            batch.Clear();
            Pending? first = carried ?? (queue.Reader.TryRead(out var read) ? read : null);
            carried = null;
            if (first is null)
            {
                lease.Dispose();
                continue;
            }
            batch.Add(first);
            long rows = first.Rows;
            long deadline = Stopwatch.GetTimestamp() + (long)(options.MaxWait.TotalSeconds * Stopwatch.Frequency);
            while (rows < options.MaxBatchSize)
            {
                if (queue.Reader.TryRead(out var next))
                {
                    if (rows + next.Rows > options.MaxBatchSize || !BatchAssembler.Compatible(next.Inputs, first.Inputs))
                    {
                        carried = next;
                        break;
                    }
                    batch.Add(next);
                    rows += next.Rows;
                    continue;
                }
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining <= TimeSpan.Zero) break;
                if (!wait.TryReset())
                {
                    wait.Dispose();
                    wait = new CancellationTokenSource();
                }
                wait.CancelAfter(remaining);
                try
                {
                    if (!await queue.Reader.WaitToReadAsync(wait.Token).ConfigureAwait(false)) break;
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
            Interlocked.Add(ref waiting, -batch.Count);
            metrics.Dequeued(batch.Count);
            var live = batch.Where(p => !p.Completion.Task.IsCompleted).ToArray();
            if (live.Length == 0)
            {
                lease.Dispose();
                continue;
            }
            _ = Task.Run(() => Execute(lease, live));
        }
        wait.Dispose();
    }

    private void Execute(SessionPool.Lease lease, Pending[] requests)
    {
        using (lease)
        {
            try
            {
                metrics.Batch(requests.Length);
                IReadOnlyDictionary<string, ITensor> outputs;
                using (var merged = BatchAssembler.Merge(requests.Select(r => r.Inputs).ToArray())) outputs = lease.Session.Run(merged.Tensors);
                var parts = BatchAssembler.Split(outputs, requests.Select(r => r.Rows).ToArray(), model);
                for (int i = 0; i < requests.Length; i++) requests[i].Complete(parts[i], null);
                LogBatch(model, requests.Length, requests.Sum(r => r.Rows));
            }
            catch (Exception e)
            {
                LogBatchFailed(e, model, requests.Length);
                foreach (var request in requests) request.Complete(null, e);
            }
        }
    }

    /// <summary>A queued request and the caller waiting on it.</summary>
    private sealed class Pending
    {
        public Pending(IReadOnlyDictionary<string, ITensor> inputs, long rows, CancellationToken cancellationToken)
        {
            Inputs = inputs;
            Rows = rows;
            if (cancellationToken.CanBeCanceled)
                registration = cancellationToken.Register(static state => ((Pending)state!).Completion.TrySetCanceled(), this);
        }

        private readonly CancellationTokenRegistration registration;

        public IReadOnlyDictionary<string, ITensor> Inputs { get; }

        public long Rows { get; }

        public TaskCompletionSource<IReadOnlyDictionary<string, ITensor>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Hands the caller its outputs or the batch's error, and stops listening for cancellation.</summary>
        public void Complete(IReadOnlyDictionary<string, ITensor>? outputs, Exception? error)
        {
            registration.Dispose();
            if (error is null) Completion.TrySetResult(outputs!);
            else Completion.TrySetException(error);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Model {Model}: ran a batch of {Requests} request(s), {Rows} row(s)")]
    private partial void LogBatch(string model, int requests, long rows);

    [LoggerMessage(Level = LogLevel.Error, Message = "Model {Model}: a batch of {Requests} request(s) failed")]
    private partial void LogBatchFailed(Exception exception, string model, int requests);
}
