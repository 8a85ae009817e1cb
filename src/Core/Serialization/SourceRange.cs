namespace OnnxKit.Serialization;

/// <summary>Where one tensor's raw data lies in the bytes a model was read from; reading it is deferred to <see cref="Memory"/>.</summary>
/// <param name="Source">The model's bytes.</param>
/// <param name="Offset">The first byte of the data.</param>
/// <param name="Length">The number of bytes.</param>
internal sealed record SourceRange(SourceBytes Source, long Offset, int Length)
{
    /// <summary>The bytes, without copying them (see <see cref="SourceBytes.Slice"/> for the checks made first).</summary>
    public ReadOnlyMemory<byte> Memory => Source.Slice(Offset, Length);

    /// <summary>Copies the bytes into <paramref name="destination"/> (exactly <see cref="Length"/> long) without touching a mapping (see <see cref="SourceBytes.CopyTo"/>).</summary>
    public void CopyTo(Span<byte> destination) => Source.CopyTo(Offset, destination[..Length]);
}
