namespace OnnxKit;

/// <summary>
/// The base of every error OnnxKit reports to a user. Its message is meant to be
/// printed as it is: it says what is wrong and where, without a stack trace.
/// </summary>
public class OnnxKitException : Exception
{
    /// <summary>Creates an error with a user-facing message.</summary>
    public OnnxKitException(string message) : base(message) { }

    /// <summary>Creates an error with a user-facing message and the error that caused it.</summary>
    public OnnxKitException(string message, Exception inner) : base(message, inner) { }
}
