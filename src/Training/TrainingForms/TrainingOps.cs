namespace OnnxKit.Training.TrainingForms;

/// <summary>
/// The operators of OnnxKit's own training domain. They exist only between the training-form
/// rewrite and <see cref="TrainingOpLowering"/>: each has a gradient rule written in closed form
/// (more precise and cheaper than differentiating its decomposition), and is then lowered to
/// standard ONNX before the graph runs, so a training graph never leaves the ai.onnx domain.
/// </summary>
internal static class TrainingOps
{
    /// <summary>The domain.</summary>
    public const string Domain = "ai.onnxkit.training";

    /// <summary>
    /// BatchNormalization with batch statistics over every axis but 1: inputs (x, scale, bias),
    /// attribute epsilon; outputs (y, mean, variance, inverse standard deviation, normalized x),
    /// the statistics shaped [1, C, 1, …] (biased variance).
    /// </summary>
    public const string BatchNormalization = "BatchNormalizationTraining";
}
