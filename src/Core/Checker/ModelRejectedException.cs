namespace OnnxKit.Checker;

/// <summary>
/// A model that <see cref="ModelGuard"/> refused to run: it would crash, hang or exhaust a runtime.
/// The message lists every problem with its location; the command-line tool exits with code 3
/// (invalid model), as for a model the checker rejects.
/// </summary>
public sealed class ModelRejectedException : OnnxKitException
{
    /// <summary>Creates the error for the model named <paramref name="source"/>.</summary>
    public ModelRejectedException(string source, CheckReport report)
        : base($"{source} was not run: {string.Join(" ", report.Problems.Where(p => p.Severity == CheckSeverity.Error).Select(p => $"{p.Location}: {p.Message}"))}")
    {
        Report = report;
    }

    /// <summary>What the guard found.</summary>
    public CheckReport Report { get; }
}
