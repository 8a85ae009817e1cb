namespace OnnxKit.Exporter.Initialization;

/// <summary>
/// Generates a weight's initial values, chunk by chunk, so a weight larger than memory can
/// be streamed to disk. A chunk's values depend only on the context and the chunk index,
/// never on which chunks were generated before; random initializers seed one generator per
/// chunk from (weight seed, chunk index).
/// </summary>
public abstract class Initializer
{
    /// <summary>Elements per chunk.</summary>
    public const int ChunkElements = 1 << 16;

    /// <summary>The initializer's Keras name (<c>glorot_uniform</c>).</summary>
    public abstract string Name { get; }

    /// <summary>
    /// Fills <paramref name="destination"/> with elements
    /// <c>[chunkIndex·ChunkElements, chunkIndex·ChunkElements + destination.Length)</c>;
    /// <paramref name="destination"/> is a whole chunk, or the shorter last one.
    /// </summary>
    public abstract void FillChunk(Span<float> destination, long chunkIndex, in InitializerContext context);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
