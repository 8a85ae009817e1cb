namespace OnnxKit.Evaluation.Results;

/// <summary>The results for one output: exactly one of the task's result objects is set.</summary>
/// <param name="Output">The output's name.</param>
/// <param name="Labels">The labels it was scored against (<c>y</c>, <c>y/OUTPUT</c>).</param>
/// <param name="Task">What it predicts.</param>
/// <param name="Classification">Classification and binary results.</param>
/// <param name="MultiLabel">Multi-label results.</param>
/// <param name="Regression">Regression results.</param>
public sealed record OutputEvaluation(
    string Output,
    string Labels,
    EvaluationTask Task,
    ClassificationResult? Classification,
    MultiLabelResult? MultiLabel,
    RegressionResult? Regression);
