namespace OnnxKit.Cli;

/// <summary>A command-line mistake (a missing file, a malformed option value); exits with <see cref="ExitCodes.Usage"/>.</summary>
internal sealed class UsageException(string message) : OnnxKitException(message);
