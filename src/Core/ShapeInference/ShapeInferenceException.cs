namespace OnnxKit.ShapeInference;

/// <summary>
/// Thrown by <see cref="ShapeInferer.Infer"/> when <see cref="ShapeInferenceOptions.ConflictsAreErrors"/>
/// is set and the model has conflicts or inconsistent nodes; the message lists them and <see cref="Report"/> has the details.
/// </summary>
public sealed class ShapeInferenceException : OnnxKitException
{
    /// <summary>Creates the error for a finished report.</summary>
    public ShapeInferenceException(ShapeInferenceReport report)
        : base(Describe(report)) => Report = report;

    /// <summary>The full report, conflicts included.</summary>
    public ShapeInferenceReport Report { get; }

    private static string Describe(ShapeInferenceReport report)
    {
        const int Shown = 10;
        var lines = report.Diagnostics.Take(Shown).Select(d => "  " + d);
        string more = report.Diagnostics.Count > Shown ? $"\n  ... and {report.Diagnostics.Count - Shown} more" : "";
        return $"Shape inference found {report.Diagnostics.Count} problem(s):\n{string.Join("\n", lines)}{more}";
    }
}
