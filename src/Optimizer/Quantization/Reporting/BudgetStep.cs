namespace OnnxKit.Optimizer.Quantization.Reporting;

/// <summary>One step of the accuracy-budget search: a layer put back to float, why it was chosen, and where the model stood after.</summary>
/// <param name="Node">The node left in float.</param>
/// <param name="OpType">Its operator.</param>
/// <param name="Sqnr">The SQNR (dB) that ranked it: the lower of its weights' and its output's own.</param>
/// <param name="WorstCosine">The lowest output cosine similarity after the step.</param>
/// <param name="AccuracyDrop">Top-1 points lost after the step (labelled data).</param>
/// <param name="Met">True when the budget held after the step.</param>
public sealed record BudgetStep(string Node, string OpType, double Sqnr, double WorstCosine, double? AccuracyDrop, bool Met);
