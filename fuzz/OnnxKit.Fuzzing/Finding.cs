namespace OnnxKit.Fuzzing;

/// <summary>What went wrong with one input: a crash (signal or dead process), a hang, an internal error (an unexpected exception), or a leftover temporary file.</summary>
/// <param name="Kind">crash, hang, internal-error or leftover.</param>
/// <param name="Where">The stage or command.</param>
/// <param name="Detail">The exception, exit status or file, for the report.</param>
public sealed record Finding(string Kind, string Where, string Detail);
