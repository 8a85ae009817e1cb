namespace OnnxKit.Ir;

/// <summary>
/// Where an externally stored tensor's bytes are: a file relative to the model's
/// folder, a byte offset and a length. <see cref="Entries"/> keeps every key/value
/// pair of the file exactly as read (including keys this record does not model)
/// so that a saved model does not lose them.
/// </summary>
public sealed record ExternalDataReference(string Location, long Offset, long? Length, string? Checksum)
{
    /// <summary>The raw key/value pairs, in file order; empty for references created in code.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Entries { get; init; } = [];
}
