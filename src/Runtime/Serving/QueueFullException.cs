namespace OnnxKit.Runtime.Serving;

/// <summary>
/// The engine's queue is full: the request was refused at once rather than left to wait
/// without bound. Services usually answer it with HTTP 503 and a Retry-After.
/// </summary>
public sealed class QueueFullException(string model, int capacity)
    : OnnxKitException($"The inference queue of '{model}' is full ({capacity} requests waiting); try again shortly.")
{
    /// <summary>The queue's capacity.</summary>
    public int Capacity { get; } = capacity;
}
