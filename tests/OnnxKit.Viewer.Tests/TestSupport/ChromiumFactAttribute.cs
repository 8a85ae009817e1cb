using OnnxKit.Tests.TestSupport;

namespace OnnxKit.Viewer.Tests.TestSupport;

/// <summary>
/// A fact that needs headless Chromium (and, optionally, a folder of shared test data); reported as
/// skipped, with the reason, where either is missing.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    /// <summary>Creates the attribute for a test that needs only the browser.</summary>
    public ChromiumFactAttribute()
    {
        if (Chromium.Executable is null)
        {
            Skip = "Chromium is not installed: browser tests need Debian's 'chromium' package on PATH (.ci/run installs it).";
        }
    }

    /// <summary>Creates the attribute for a test that also reads <paramref name="sharedFolder"/> (relative to <c>../shared</c>).</summary>
    public ChromiumFactAttribute(string sharedFolder)
        : this()
    {
        string folder = RepositoryPaths.Shared(sharedFolder);
        if (Skip is null && !Directory.Exists(folder)) Skip = $"Shared test data not present: {folder}";
    }
}
