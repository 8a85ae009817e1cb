using System.Diagnostics;

namespace OnnxKit.Tests.TestSupport;

/// <summary>
/// A fact that needs Debian's Python (<c>/usr/bin/python3</c>) with some modules (e.g. <c>PIL</c> from
/// python3-pil); it is reported as skipped, naming what is missing, where they are not installed.
/// </summary>
public sealed class DebianPythonFactAttribute : FactAttribute
{
    /// <summary>Debian's Python; the python3 first on PATH may lack the Debian modules.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary>Creates the attribute.</summary>
    /// <param name="modules">The modules the test imports.</param>
    public DebianPythonFactAttribute(params string[] modules)
    {
        if (!File.Exists(Python))
        {
            Skip = $"{Python} is not installed.";
            return;
        }
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", string.Join(";", modules.Select(m => $"import {m}"))])
        {
            RedirectStandardError = true, RedirectStandardOutput = true,
        })!;
        process.WaitForExit();
        if (process.ExitCode != 0) Skip = $"{Python} cannot import {string.Join(", ", modules)} (install the Debian packages, e.g. python3-pil for PIL).";
    }
}
