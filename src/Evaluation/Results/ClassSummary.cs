namespace OnnxKit.Evaluation.Results;

/// <summary>A class's headline measures: top-1 precision, recall, F1, support, and the one-vs-rest ROC area (null when undefined).</summary>
public sealed record ClassSummary(int Index, string Name, double Precision, double Recall, double F1, long Support, double? Auc);
