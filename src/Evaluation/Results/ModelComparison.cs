using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation.Results;

/// <summary>A model against the first (the baseline) on one shared output.</summary>
/// <param name="Model">The compared model.</param>
/// <param name="Baseline">The first model.</param>
/// <param name="Output">The output compared.</param>
/// <param name="AccuracyDelta">This model's accuracy minus the baseline's (null for regression).</param>
/// <param name="Agreement">The fraction of examples whose top-1 prediction equals the baseline's.</param>
/// <param name="Changed">How many examples changed prediction.</param>
/// <param name="ChangedExamples">The first changed examples.</param>
/// <param name="ChangedClasses">Per class: predictions that moved into or out of it, and the change in its recall.</param>
/// <param name="McNemar">Whether the accuracy difference is significant (null for regression).</param>
/// <param name="MeanAbsoluteDifference">Regression: the mean absolute difference of the predictions.</param>
public sealed record ModelComparison(
    string Model,
    string Baseline,
    string Output,
    double? AccuracyDelta,
    double Agreement,
    long Changed,
    IReadOnlyList<ChangedExample> ChangedExamples,
    IReadOnlyList<ClassChange> ChangedClasses,
    McNemarResult? McNemar,
    double? MeanAbsoluteDifference);

/// <summary>An example whose prediction changed: its index in the data, its label, and both predictions.</summary>
public sealed record ChangedExample(long Record, int Label, int Baseline, int Prediction);

/// <summary>How one class's predictions changed: examples now predicted as it, no longer predicted as it, and its recall's change.</summary>
public sealed record ClassChange(int Index, string Name, long Gained, long Lost, double RecallDelta);
