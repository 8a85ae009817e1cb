namespace OnnxKit.Evaluation.Results;

/// <summary>The measures of a classification (or binary) output.</summary>
/// <param name="Examples">How many examples.</param>
/// <param name="ClassNames">The classes, by index.</param>
/// <param name="ScoresAreLogits">True when the outputs were not probabilities and were passed through softmax (or sigmoid) first.</param>
/// <param name="Accuracy">Top-1 accuracy.</param>
/// <param name="BaseRate">The accuracy of always predicting the most frequent class.</param>
/// <param name="TopK">Top-k accuracy for k = 1, 3, 5 (those below the number of classes).</param>
/// <param name="ConfusionMatrix">Counts, rows = true class, columns = predicted class.</param>
/// <param name="PerClass">Each class's measures.</param>
/// <param name="Macro">The unweighted mean over classes.</param>
/// <param name="Micro">From the cells summed over classes.</param>
/// <param name="Weighted">The support-weighted mean.</param>
/// <param name="MacroAuc">The mean of the classes' one-vs-rest ROC areas (null when a class has no examples).</param>
/// <param name="Calibration">Calibration of the top-1 confidence.</param>
/// <param name="Threshold">The decision threshold of <see cref="ClassResult.AtThreshold"/> and of binary predictions.</param>
/// <param name="Sweep">Binary outputs: the cells and measures at thresholds 0.05, 0.10, …, 0.95; empty otherwise.</param>
/// <param name="Cost">With costs, the output's single cost figure: of the positive class's cells for two classes, else of the one-vs-rest cells summed over the classes.</param>
public sealed record ClassificationResult(
    long Examples,
    IReadOnlyList<string> ClassNames,
    bool ScoresAreLogits,
    double Accuracy,
    double BaseRate,
    IReadOnlyList<TopKAccuracy> TopK,
    long[][] ConfusionMatrix,
    IReadOnlyList<ClassResult> PerClass,
    AverageScores Macro,
    AverageScores Micro,
    AverageScores Weighted,
    double? MacroAuc,
    CalibrationResult Calibration,
    double Threshold,
    IReadOnlyList<ThresholdRow> Sweep,
    CostResult? Cost);

/// <summary>Top-k accuracy.</summary>
public sealed record TopKAccuracy(int K, double Accuracy);

/// <summary>Precision, recall and F1 averaged over classes.</summary>
public sealed record AverageScores(double Precision, double Recall, double F1);
