namespace OnnxKit;

/// <summary>
/// A model file or buffer that cannot be read: malformed protobuf, a tensor whose
/// data does not fit its declared shape, external data that escapes the model's
/// folder, and the like. <see cref="Location"/> names the offending element
/// (for example <c>graph.initializer['conv1.weight']</c>).
/// </summary>
public sealed class OnnxFormatException : OnnxKitException
{
    /// <summary>Creates a format error located at <paramref name="location"/>.</summary>
    public OnnxFormatException(string location, string message, Exception? inner = null)
        : base(string.IsNullOrEmpty(location) ? message : $"{location}: {message}", inner ?? new Exception(message))
    {
        Location = location;
    }

    /// <summary>Where in the model the problem is; empty when it concerns the whole file.</summary>
    public string Location { get; }
}
