namespace OnnxKit.Cli.Tests;

/// <summary>
/// A fact read from the log of glibc's dynamic loader (<c>LD_DEBUG=files</c> lists every shared library a process
/// loads), so it runs on Linux only and is reported as skipped, saying so, elsewhere.
/// </summary>
public sealed class GlibcLoaderFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute.</summary>
    public GlibcLoaderFactAttribute()
    {
        if (!OperatingSystem.IsLinux()) Skip = "Needs glibc's LD_DEBUG to list the shared libraries a run loads (Linux only).";
    }
}
