namespace OnnxKit.Evaluation.Results;

/// <summary>A regression output's errors (over every target value).</summary>
public sealed record RegressionResult(long Examples, double MeanAbsoluteError, double RootMeanSquaredError, double R2);
