using System.Diagnostics;

namespace OnnxKit.Evaluation.Tests.TestSupport;

/// <summary>
/// A test that compares with scikit-learn and SciPy (Debian's python3-sklearn, python3-scipy) at
/// /usr/bin/python3; skipped, saying what is missing, where they are not installed. CI installs them.
/// </summary>
public sealed class SklearnFactAttribute : FactAttribute
{
    public const string Python = "/usr/bin/python3";

    private static readonly Lazy<string?> Missing = new(() =>
    {
        if (!File.Exists(Python)) return $"{Python} is not installed";
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import sklearn, scipy.stats, numpy"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode == 0 ? null : $"{Python} -c 'import sklearn, scipy.stats' failed: {process.StandardError.ReadToEnd().Trim()}";
    });

    public SklearnFactAttribute()
    {
        if (Missing.Value is { } reason) Skip = $"scikit-learn is not available ({reason}); install Debian's python3-sklearn.";
    }
}
