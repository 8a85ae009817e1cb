namespace OnnxKit.Cli;

/// <summary>The process exit codes of every command.</summary>
internal static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The command failed (the message says why), or an unexpected internal error.</summary>
    public const int Failed = 1;

    /// <summary>The command line was wrong: unknown option, missing argument, missing file.</summary>
    public const int Usage = 2;

    /// <summary>The model is invalid: the checker found problems, or the file cannot be read as ONNX.</summary>
    public const int InvalidModel = 3;

    /// <summary>Interrupted (Ctrl+C); what was finished before it, if anything, was printed (the shell's 128 + SIGINT).</summary>
    public const int Interrupted = 130;

    /// <summary>Asked to stop (SIGTERM); as with <see cref="Interrupted"/>, what was finished was printed (128 + SIGTERM).</summary>
    public const int Terminated = 143;
}
