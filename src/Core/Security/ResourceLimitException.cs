namespace OnnxKit.Security;

/// <summary>
/// Work was stopped because it would pass one of the <see cref="ResourceLimits"/>: a tensor too
/// large to create, a loop that ran too long, a run that took too long. The message says what
/// and names the option that raises the limit.
/// </summary>
public sealed class ResourceLimitException : OnnxKitException
{
    /// <summary>Creates the error; <paramref name="option"/> is the command-line option that raises the limit.</summary>
    public ResourceLimitException(string message, string option)
        : base($"{message} (raise it with {option}).")
    {
        Option = option;
    }

    /// <summary>The command-line option that raises the limit that was hit (e.g. <c>--max-tensor-bytes</c>).</summary>
    public string Option { get; }
}
