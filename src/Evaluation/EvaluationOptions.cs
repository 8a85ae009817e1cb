using OnnxKit.Data.Preprocessing;
using OnnxKit.Evaluation.Metrics;

namespace OnnxKit.Evaluation;

/// <summary>How <see cref="EvaluationRunner"/> evaluates: batching, preprocessing, which outputs, and the decision settings.</summary>
public sealed record EvaluationOptions
{
    /// <summary>Records per model run.</summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>How stored values become the models' inputs.</summary>
    public PreprocessingOptions Preprocessing { get; init; } = PreprocessingOptions.None;

    /// <summary>Evaluate only this output; null evaluates every output that has labels.</summary>
    public string? Output { get; init; }

    /// <summary>What the outputs predict; <see cref="EvaluationTask.Auto"/> decides per output.</summary>
    public EvaluationTask Task { get; init; } = EvaluationTask.Auto;

    /// <summary>Class names by index (from <c>--labels FILE</c>); null takes the data set's, if any.</summary>
    public IReadOnlyList<string>? ClassNames { get; init; }

    /// <summary>The decision threshold on a class's probability for two-class cells; 0.5 when null.</summary>
    public double? Threshold { get; init; }

    /// <summary>The costs of TP, FN, FP and TN for the cost-weighted measures; null for none.</summary>
    public OutcomeCosts? Costs { get; init; }

    /// <summary>Equal-width bins of the reliability diagram.</summary>
    public int CalibrationBins { get; init; } = 10;

    /// <summary>How many changed examples a comparison lists (all are counted).</summary>
    public int ChangedExamplesListed { get; init; } = 50;

    /// <summary>The most points kept per curve in reports (curves are thinned evenly beyond it).</summary>
    public int CurvePoints { get; init; } = 200;

    /// <summary>Checks the values are usable.</summary>
    /// <exception cref="ArgumentException">A value is out of range; the message names it.</exception>
    public void Validate()
    {
        if (BatchSize < 1) throw new ArgumentException($"The batch size must be at least 1, not {BatchSize}.");
        if (Threshold is { } t && (double.IsNaN(t) || t < 0 || t > 1)) throw new ArgumentException($"The threshold is a probability in [0, 1], not {t}.");
        if (CalibrationBins < 1) throw new ArgumentException($"Calibration needs at least one bin, not {CalibrationBins}.");
        if (CurvePoints < 2) throw new ArgumentException($"A curve needs at least 2 points, not {CurvePoints}.");
        Preprocessing.Validate();
    }
}
