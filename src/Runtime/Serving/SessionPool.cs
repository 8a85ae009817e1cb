using System.Collections.Concurrent;

namespace OnnxKit.Runtime.Serving;

/// <summary>
/// A fixed set of sessions over one model; a caller takes one, runs, and gives it back.
/// Waiting callers are counted so the engine can refuse work beyond its queue capacity.
/// </summary>
internal sealed class SessionPool : IAsyncDisposable
{
    private readonly OnnxSession[] sessions;
    private readonly ConcurrentBag<OnnxSession> idle;
    private readonly SemaphoreSlim available;

    public SessionPool(Func<OnnxSession> create, int size)
    {
        if (size < 1) throw new OnnxKitException("The session pool needs at least one session.");
        sessions = new OnnxSession[size];
        try
        {
            for (int i = 0; i < size; i++) sessions[i] = create();
        }
        catch
        {
            foreach (var session in sessions) session?.Dispose();
            throw;
        }
        idle = new ConcurrentBag<OnnxSession>(sessions);
        available = new SemaphoreSlim(size, size);
    }

    /// <summary>Any session, for reading the model's specs.</summary>
    public OnnxSession First => sessions[0];

    /// <summary>Waits for a free session.</summary>
    public async ValueTask<Lease> RentAsync(CancellationToken cancellationToken)
    {
        await available.WaitAsync(cancellationToken).ConfigureAwait(false);
        idle.TryTake(out var session);
        return new Lease(this, session!);
    }

    /// <summary>Waits for every rented session to come back, then releases them all.</summary>
    public async ValueTask DisposeAsync()
    {
        for (int i = 0; i < sessions.Length; i++) await available.WaitAsync().ConfigureAwait(false);
        foreach (var session in sessions) session.Dispose();
        available.Dispose();
    }

    /// <summary>A rented session, returned on dispose.</summary>
    public readonly struct Lease(SessionPool pool, OnnxSession session) : IDisposable
    {
        public OnnxSession Session => session;

        public void Dispose()
        {
            pool.idle.Add(session);
            pool.available.Release();
        }
    }
}
