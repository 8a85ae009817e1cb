namespace OnnxKit.Evaluation.Results;

/// <summary>One model's results.</summary>
/// <param name="Name">The model's name (its file).</param>
/// <param name="Backend">What ran it.</param>
/// <param name="Inputs">How the data fed each input.</param>
/// <param name="Seconds">Time spent running the model, preprocessing excluded.</param>
/// <param name="Outputs">Results per evaluated output.</param>
/// <param name="Notes">Outputs not evaluated, and why.</param>
public sealed record ModelEvaluation(
    string Name,
    string Backend,
    IReadOnlyList<string> Inputs,
    double Seconds,
    IReadOnlyList<OutputEvaluation> Outputs,
    IReadOnlyList<string> Notes)
{
    /// <summary>The first output's accuracy (classification, binary, multi-label) or null; the headline number.</summary>
    public double? Accuracy => Outputs.Count == 0 ? null : Outputs[0].Classification?.Accuracy ?? Outputs[0].MultiLabel?.Accuracy;

    /// <summary>The first output's confusion matrix (rows = true class), or null.</summary>
    public long[][]? ConfusionMatrix => Outputs.Count == 0 ? null : Outputs[0].Classification?.ConfusionMatrix;

    /// <summary>The first output's per-class precision, recall, F1, support and ROC area, or null (the full results are under <see cref="Outputs"/>).</summary>
    public IReadOnlyList<ClassSummary>? PerClass => Outputs.Count == 0 ? null : Outputs[0].Classification?.PerClass
        .Select(c => new ClassSummary(c.Index, c.Name, c.Precision, c.Recall, c.F1, c.Support, c.Auc)).ToArray();

    /// <summary>The first output's macro-averaged one-vs-rest ROC area, or null.</summary>
    public double? MacroAuc => Outputs.Count == 0 ? null : Outputs[0].Classification?.MacroAuc;

    /// <summary>With costs, the first output's cost figures (total, per example, cost-weighted accuracy), or null.</summary>
    public CostResult? Cost => Outputs.Count == 0 ? null : Outputs[0].Classification?.Cost;
}
