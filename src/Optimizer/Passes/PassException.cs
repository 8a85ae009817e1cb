namespace OnnxKit.Optimizer.Passes;

/// <summary>A pass failed or broke its contract; the message names the pass.</summary>
public sealed class PassException : OnnxKitException
{
    /// <summary>Creates the exception for the pass called <paramref name="passName"/>.</summary>
    public PassException(string passName, string message, Exception? inner = null)
        : base($"Pass '{passName}': {message}", inner!) => PassName = passName;

    /// <summary>The pass that failed.</summary>
    public string PassName { get; }
}
