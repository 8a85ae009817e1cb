namespace OnnxKit.Evaluation.Results;

/// <summary>A multi-label output: each label as its own binary problem.</summary>
/// <param name="Examples">How many examples.</param>
/// <param name="Accuracy">The fraction of (example, label) decisions that are right at the threshold.</param>
/// <param name="ExactMatch">The fraction of examples whose every label is right.</param>
/// <param name="Labels">Each label's binary results.</param>
public sealed record MultiLabelResult(long Examples, double Accuracy, double ExactMatch, IReadOnlyList<ClassificationResult> Labels);
