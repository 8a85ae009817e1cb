namespace OnnxKit.Evaluation;

/// <summary>What a model output predicts, and so which measures apply.</summary>
public enum EvaluationTask
{
    /// <summary>Decided from the output's shape and the labels (see <see cref="Analysis.TaskDetector"/>).</summary>
    Auto,

    /// <summary>One of k classes: softmax probabilities or logits, class-index labels.</summary>
    Classification,

    /// <summary>Two classes from one score per example (a sigmoid), labels 0 or 1.</summary>
    Binary,

    /// <summary>Several independent yes/no labels per example (sigmoids), label rows of 0 and 1.</summary>
    MultiLabel,

    /// <summary>Numbers: MAE, RMSE, R².</summary>
    Regression,
}
